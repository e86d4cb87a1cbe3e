package io.tealdb.planner;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * Reads and rebuilds AST nodes (all records of {@code io.tealdb.parser.ast}) generically, through
 * method handles made once per record class. {@code getRecordComponents()[i].getAccessor().invoke(r)}
 * builds a fresh accessor on every call, which was a fifth of the time of binding a small
 * statement (each execution of a prepared statement binds it again).
 */
final class AstRecords {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    /** The getters (typed Object → Object), component types and canonical constructor of one record class. */
    private record Shape(MethodHandle[] getters, Class<?>[] types, MethodHandle constructor) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> c) {
            if (!c.isRecord() || !c.getPackageName().equals("io.tealdb.parser.ast")) return null;
            RecordComponent[] rc = c.getRecordComponents();
            MethodHandle[] getters = new MethodHandle[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (int i = 0; i < rc.length; i++) {
                    getters[i] = lookup.unreflect(rc[i].getAccessor()).asType(GETTER);
                    types[i] = rc[i].getType();
                }
                MethodHandle ctor = lookup.findConstructor(c, MethodType.methodType(void.class, types))
                        .asSpreader(Object[].class, rc.length).asType(MethodType.methodType(Object.class, Object[].class));
                return new Shape(getters, types, ctor);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("AST record " + c.getName() + " is not accessible", e);
            }
        }
    };

    private AstRecords() {
    }

    /** Whether {@code node} is an AST record (whose components the walks visit). */
    static boolean isAst(Object node) {
        return node instanceof Record && SHAPES.get(node.getClass()) != null;
    }

    /** Number of components of the AST record {@code r}. */
    static int size(Object r) {
        return SHAPES.get(r.getClass()).getters.length;
    }

    /** Component {@code i} of the AST record {@code r}. */
    static Object get(Object r, int i) {
        try {
            return (Object) SHAPES.get(r.getClass()).getters[i].invokeExact(r);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A new record of {@code type} from its components. */
    static Object make(Class<?> type, Object[] components) {
        try {
            return (Object) SHAPES.get(type).constructor.invokeExact(components);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
