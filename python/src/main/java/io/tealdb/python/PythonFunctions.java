package io.tealdb.python;

import io.tealdb.Connection;
import io.tealdb.arrow.ArrowScalarKernel;
import io.tealdb.error.InvalidInputException;
import io.tealdb.function.UserScalarFunction;
import io.tealdb.function.UserScalarFunction.NullHandling;
import io.tealdb.parser.Parser;
import io.tealdb.planner.TypeNames;
import io.tealdb.types.LogicalType;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code create_function} for the Python package: a Python function becomes a user scalar function
 * of the engine whose body exchanges each chunk with Python through the Arrow C Data interface
 * (arguments out as one record batch, the answers back as one array, no per-value conversion in Java).
 */
public final class PythonFunctions {
    private PythonFunctions() {
    }

    /** A SQL type name ('BIGINT', 'INTEGER[]', 'STRUCT(a INT, b VARCHAR)', 'DECIMAL(10,2)') as the engine's type. */
    public static LogicalType type(String sql) {
        return TypeNames.resolve(Parser.parseType(sql));
    }

    /** Exports {@code type} as an Arrow field into the C struct at {@code schemaAddress} (the type a Python body's answers should have). */
    public static void exportType(LogicalType type, long schemaAddress) {
        Data.exportField(PythonBridge.allocator(), io.tealdb.arrow.ArrowSchemas.toField("result", type), null, ArrowSchema.wrap(schemaAddress));
    }

    public static void register(Connection con, String name, LogicalType[] parameters, LogicalType returnType, PythonFunction function,
                                boolean specialNulls, boolean sideEffects) {
        BufferAllocator allocator = PythonBridge.allocator();
        ArrowScalarKernel kernel = new ArrowScalarKernel(name, List.of(parameters), returnType, allocator, root -> {
            try (ArrowArray in = ArrowArray.allocateNew(allocator); ArrowSchema inSchema = ArrowSchema.allocateNew(allocator);
                 ArrowArray out = ArrowArray.allocateNew(allocator); ArrowSchema outSchema = ArrowSchema.allocateNew(allocator)) {
                Data.exportVectorSchemaRoot(allocator, root, null, in, inSchema);
                String error;
                try {
                    error = function.call(in.memoryAddress(), inSchema.memoryAddress(), out.memoryAddress(), outSchema.memoryAddress());
                } finally {
                    // frees the export if Python failed before importing it (an import moves it, leaving nothing to release)
                    in.release();
                    inSchema.release();
                }
                if (error != null) {
                    out.release();
                    outSchema.release();
                    throw new InvalidInputException(error);
                }
                return Data.importVector(allocator, out, outSchema, null);
            }
        });
        con.createFunction(new UserScalarFunction(name, new ArrayList<>(List.of(parameters)), returnType, kernel,
                specialNulls ? NullHandling.SPECIAL : NullHandling.DEFAULT, sideEffects));
    }
}
