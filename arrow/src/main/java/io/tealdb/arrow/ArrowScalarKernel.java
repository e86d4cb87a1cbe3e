package io.tealdb.arrow;

import io.tealdb.error.InvalidInputException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of a user scalar function written against Arrow (what the Python package's
 * {@code create_function} runs): each chunk of arguments goes to the body as one record batch with a
 * column per parameter, and the Arrow array it answers becomes the result, cast to the declared
 * result type when the body answered another (an int64 array for an INTEGER function, doubles for a
 * BIGINT one), as DuckDB casts a Python UDF's values.
 */
public final class ArrowScalarKernel implements ScalarKernel {
    /** The function itself: given the arguments of one chunk, an array of as many values (the kernel closes it). */
    @FunctionalInterface
    public interface Body {
        FieldVector apply(VectorSchemaRoot arguments);
    }

    private final String name;
    private final List<LogicalType> parameters;
    private final LogicalType returnType;
    private final BufferAllocator allocator;
    private final Body body;
    private final Schema schema;

    public ArrowScalarKernel(String name, List<LogicalType> parameters, LogicalType returnType, BufferAllocator allocator, Body body) {
        this.name = name;
        this.parameters = List.copyOf(parameters);
        this.returnType = returnType;
        this.allocator = allocator;
        this.body = body;
        // each argument as its own field: an ENUM argument reaches the body as its labels (utf8), so
        // the batch needs no dictionaries next to it
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) fields.add(ArrowSchemas.toField("col" + i, this.parameters.get(i)));
        this.schema = new Schema(fields);
    }

    @Override
    public void execute(Vector[] args, int count, Vector result) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            if (args.length == 0) root.setRowCount(count);
            else TealArrow.fill(root, parameters, List.of(new DataChunk(args, count)));
            try (FieldVector answer = body.apply(root)) {
                if (answer == null) throw new InvalidInputException("The function " + name + " returned no result");
                if (answer.getValueCount() != count) {
                    throw new InvalidInputException("Returned pyarrow table should have " + count + " tuples, found " + answer.getValueCount());
                }
                try {
                    TealArrow.readInto(answer, count, returnType, result);
                } catch (io.tealdb.error.ConversionException e) {
                    throw new InvalidInputException("Failed to cast value: " + e.getMessage());
                }
            }
        }
    }

    /** The declared result type as the Arrow field a body should answer with (for bodies that build their arrays typed). */
    public org.apache.arrow.vector.types.pojo.Field resultField() {
        return ArrowSchemas.toField("result", returnType);
    }
}
