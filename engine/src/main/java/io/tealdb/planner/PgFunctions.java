package io.tealdb.planner;

import io.tealdb.catalog.PgTypes;
import io.tealdb.function.ScalarFunction;
import io.tealdb.parser.ast.BinaryOp;
import io.tealdb.parser.ast.BinaryOperator;
import io.tealdb.parser.ast.Case;
import io.tealdb.parser.ast.Cast;
import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.FunctionCall;
import io.tealdb.parser.ast.IntegerLiteral;
import io.tealdb.parser.ast.StringLiteral;
import io.tealdb.parser.ast.TypeName;
import io.tealdb.parser.ast.WhenClause;
import io.tealdb.planner.expression.BoundCast;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundFunction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL system functions and {@code ::regclass}-style casts that client catalog queries use
 * (psql, pgjdbc, SQLAlchemy): {@code version()} reporting PostgreSQL 15.0, visibility and privilege
 * checks (always true: one user, no privileges), {@code format_type}, {@code pg_get_expr},
 * {@code pg_get_constraintdef}, descriptions (none are stored), and name-to-OID casts.
 */
final class PgFunctions {
    /** What {@code version()} reports: clients parse "PostgreSQL major.minor" from it (SQLAlchemy's regex). */
    static final String VERSION = "PostgreSQL 15.0 (TealDB 0.1.0) on x86_64-pc-linux-gnu, 64-bit";
    static final String USER = "teal";

    private PgFunctions() {
    }

    /** The bound call, or null when {@code name} is not one of these functions. */
    static BoundExpr bind(ExpressionBinder eb, FunctionCall f, String name, BindContext cx) {
        List<Expr> args = f.args();
        switch (name) {
            case "version" -> {
                return args.isEmpty() ? constant(VERSION) : null;
            }
            case "pg_table_is_visible", "pg_type_is_visible", "pg_function_is_visible", "pg_collation_is_visible", "has_table_privilege",
                 "has_schema_privilege", "has_database_privilege", "has_column_privilege", "has_any_column_privilege",
                 "has_function_privilege", "has_sequence_privilege", "pg_has_role" -> {
                return bindAll(eb, args, cx, new BoundConstant(Value.ofBoolean(true)));
            }
            case "pg_is_in_recovery", "pg_relation_is_publishable" -> {
                return bindAll(eb, args, cx, new BoundConstant(Value.ofBoolean(false)));
            }
            case "pg_get_userbyid" -> {
                return bindAll(eb, args, cx, constant(USER));
            }
            case "current_user", "session_user", "user", "current_role" -> {
                return args.isEmpty() ? constant(USER) : null;
            }
            case "current_database", "current_catalog" -> {
                return args.isEmpty() ? constant(eb.binder.env.catalog().catalogName()) : null;
            }
            case "current_schemas" -> {
                // DuckDB's answer: with implicit schemas, its search path (temp, the database's and the
                // system's main) and pg_catalog; without them, an empty list
                if (args.size() != 1) return null;
                BoundExpr implicit = eb.bind(args.get(0), cx);
                String own = eb.binder.env.catalog().defaultSchema();
                LogicalType list = LogicalType.list(LogicalType.VARCHAR);
                Value with = new Value(list, List.of("main", own, "main", "pg_catalog"));
                Value without = new Value(list, List.of());
                if (implicit instanceof BoundConstant c) {
                    if (c.value().isNull()) return new BoundConstant(Value.nullOf(list));
                    Object b = c.value().object();
                    if (b instanceof Boolean flag) return new BoundConstant(flag ? with : without);
                }
                return null;
            }
            case "pg_backend_pid" -> {
                return args.isEmpty() ? new BoundConstant(Value.ofInteger((int) ProcessHandle.current().pid())) : null;
            }
            // no stored comments, serial sequences, extended statistics, triggers or SQL-level functions in pg_proc
            case "obj_description", "col_description", "shobj_description", "pg_get_serial_sequence",
                 "pg_get_statisticsobjdef_columns", "pg_get_function_result", "pg_get_function_arguments",
                 "pg_get_function_identity_arguments", "pg_get_triggerdef", "pg_get_ruledef" -> {
                return bindAll(eb, args, cx, new BoundConstant(Value.nullOf(LogicalType.VARCHAR)));
            }
            case "pg_encoding_to_char" -> {
                return bindAll(eb, args, cx, constant("UTF8"));
            }
            case "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array" -> {
                // PostgreSQL's names for DuckDB's json_object / json_array
                String duck = name.endsWith("object") ? "json_object" : "json_array";
                return eb.bind(new FunctionCall(new io.tealdb.parser.ast.QualifiedName(
                        List.of(new io.tealdb.parser.ast.Identifier(duck, false, f.pos())), f.pos()),
                        args, false, false, List.of(), null, false, null, f.pos()), cx);
            }
            case "set_config" -> {
                // set_config(name, value, is_local): sets the session setting when the statement runs
                // and returns the value (asyncpg turns jit off this way); is_local is treated as session-wide
                if (args.size() != 3) return null;
                io.tealdb.settings.SessionSettings settings = eb.binder.env.settings();
                if (settings == null) return null;
                List<BoundExpr> bound = List.of(toVarchar(eb.bind(args.get(0), cx)), toVarchar(eb.bind(args.get(1), cx)),
                        eb.bind(args.get(2), cx));
                return new BoundFunction(new ScalarFunction("set_config", List.of(LogicalType.VARCHAR, LogicalType.VARCHAR, bound.get(2).type()),
                        LogicalType.VARCHAR, (a, n, res) -> {
                    for (int i = 0; i < n; i++) {
                        if (a[0].isNull(i)) throw new io.tealdb.error.InvalidInputException("NULL value not allowed for set_config's setting name");
                        io.tealdb.settings.Setting s = io.tealdb.settings.Settings.require(a[0].getString(i));
                        res.setString(i, settings.set(s, a[1].isNull(i) ? s.defaultText() : a[1].getString(i)));
                    }
                }), bound);
            }
            case "pg_partition_ancestors" -> {
                // no partitioned tables: a relation's ancestors are itself (a set-returning function: one row)
                if (args.size() != 1) return null;
                int pos = f.pos();
                Expr oid = new Cast(args.get(0), TypeName.simple("INTEGER", pos), false, pos);
                return eb.bind(FunctionCall.of("unnest", List.of(new io.tealdb.parser.ast.ListLiteral(List.of(oid), pos)), pos), cx);
            }
            case "array_upper", "array_lower" -> {
                // 1-based bounds of a one-dimensional array: NULL for an empty array or another dimension
                if (args.size() != 2) return null;
                int pos = f.pos();
                Expr len = FunctionCall.of("len", List.of(args.get(0)), pos);
                Expr ok = new BinaryOp(BinaryOperator.AND, new BinaryOp(BinaryOperator.EQUAL, args.get(1), new IntegerLiteral("1", pos), pos),
                        new BinaryOp(BinaryOperator.GREATER, len, new IntegerLiteral("0", pos), pos), pos);
                Expr bound = name.equals("array_upper") ? len : new IntegerLiteral("1", pos);
                return eb.bind(new Case(null, List.of(new WhenClause(ok, new Cast(bound, TypeName.simple("INTEGER", pos), false, pos), pos)), null, pos), cx);
            }
            case "pg_get_expr" -> {
                if (args.size() < 2 || args.size() > 3) return null;
                BoundExpr e = eb.bind(args.get(0), cx);
                return e.type().id() == TypeId.VARCHAR ? e : new BoundCast(e, LogicalType.VARCHAR, false);
            }
            case "array_to_string" -> {
                // catalog "arrays" (ACLs, int2vector) are text here; real LISTs go to the list function
                if (args.size() < 2 || args.size() > 3) return null;
                BoundExpr first = eb.bind(args.get(0), cx);
                if (first.type().id() != TypeId.VARCHAR && first.type().id() != TypeId.SQLNULL) return null;
                for (int i = 1; i < args.size(); i++) eb.bind(args.get(i), cx);
                return first.type().id() == TypeId.VARCHAR ? first : new BoundConstant(Value.nullOf(LogicalType.VARCHAR));
            }
            case "format_type" -> {
                if (args.size() != 2) return null;
                BoundExpr oid = toInt(eb.bind(args.get(0), cx));
                BoundExpr mod = toInt(eb.bind(args.get(1), cx));
                return new BoundFunction(new ScalarFunction("format_type", List.of(LogicalType.INTEGER, LogicalType.INTEGER),
                        LogicalType.VARCHAR, (a, n, res) -> {
                    for (int i = 0; i < n; i++) {
                        if (a[0].isNull(i)) {
                            res.setNull(i);
                            continue;
                        }
                        res.setString(i, PgTypes.formatType(a[0].ints[i], a[1].isNull(i) ? -1 : a[1].ints[i]));
                    }
                }), List.of(oid, mod));
            }
            case "pg_get_constraintdef", "pg_get_indexdef" -> {
                if (args.isEmpty() || args.size() > 3) return null;
                Map<Integer, String> defs = eb.binder.env.catalog().pgDefinitions(name.equals("pg_get_indexdef") ? "index" : "constraint");
                BoundExpr oid = toInt(eb.bind(args.get(0), cx));
                return new BoundFunction(new ScalarFunction(name, List.of(LogicalType.INTEGER), LogicalType.VARCHAR,
                        (a, n, res) -> lookup(a[0], n, res, defs)), List.of(oid));
            }
            case "pg_my_temp_schema" -> {
                // the OID of the session's temporary namespace (pg_temp_N), 0 before it has one
                if (!args.isEmpty()) return null;
                Integer oid = eb.binder.env.catalog().pgOid("regnamespace", "pg_temp");
                return new BoundConstant(Value.ofInteger(oid == null ? 0 : oid));
            }
            case "to_regtype", "to_regclass", "to_regnamespace" -> {
                if (args.size() != 1) return null;
                BoundExpr arg = eb.bind(args.get(0), cx);
                if (arg.type().id() != TypeId.VARCHAR) arg = new BoundCast(arg, LogicalType.VARCHAR, false);
                BinderCatalog catalog = eb.binder.env.catalog();
                String kind = name.substring(3);
                return new BoundFunction(new ScalarFunction(name, List.of(LogicalType.VARCHAR), LogicalType.INTEGER, (a, n, res) -> {
                    for (int i = 0; i < n; i++) {
                        Integer oid = null;
                        if (!a[0].isNull(i)) {
                            String text = a[0].getString(i);
                            if (kind.equals("regtype")) {
                                PgTypes.PgType t = PgTypes.byName(text);
                                oid = t == null ? null : t.oid();
                            } else {
                                oid = catalog.pgOid(kind, text);
                            }
                        }
                        if (oid == null) res.setNull(i);
                        else res.ints[i] = oid;
                    }
                }), List.of(arg));
            }
            default -> {
                return null;
            }
        }
    }

    /** {@code 'name'::regclass}, {@code ::regtype}, {@code ::regnamespace}, {@code ::regproc}: constant names become OIDs. */
    static BoundExpr regCast(ExpressionBinder eb, Cast c, BindContext cx) {
        String type = c.type().name().toLowerCase(Locale.ROOT);
        if (type.startsWith("pg_catalog.")) type = type.substring("pg_catalog.".length());
        if (!type.equals("regclass") && !type.equals("regtype") && !type.equals("regnamespace") && !type.equals("regproc")
                && !type.equals("regprocedure") && !type.equals("regrole") && !type.equals("regoper")) {
            return null;
        }
        if (c.operand() instanceof StringLiteral s && !s.value().isEmpty() && s.value().chars().allMatch(Character::isDigit)) {
            // a numeric string is the OID itself (regclassin and its siblings accept both forms)
            try {
                return new BoundConstant(Value.ofInteger((int) Long.parseLong(s.value())));
            } catch (NumberFormatException e) {
                throw new io.tealdb.error.ConversionException("OID out of range: \"" + s.value() + "\"", c.pos());
            }
        }
        if (c.operand() instanceof StringLiteral s && (type.equals("regproc") || type.equals("regprocedure"))) {
            // functions have no OIDs here, and pg_type's typinput/typoutput/… hold their names: a function
            // name compares as that name (pgjdbc: typinput = 'pg_catalog.array_in'::regproc finds array types)
            String name = s.value();
            int paren = name.indexOf('(');
            if (paren >= 0) name = name.substring(0, paren);
            return constant(name.startsWith("pg_catalog.") ? name.substring("pg_catalog.".length()) : name.strip());
        }
        if (c.operand() instanceof StringLiteral s) {
            Integer oid = switch (type) {
                case "regclass" -> eb.binder.env.catalog().pgOid("regclass", s.value());
                case "regnamespace" -> eb.binder.env.catalog().pgOid("regnamespace", s.value());
                case "regtype" -> {
                    PgTypes.PgType t = PgTypes.byName(s.value());
                    yield t == null ? null : t.oid();
                }
                case "regrole" -> s.value().equals(USER) ? 10 : null;
                default -> 0; // operators have no OIDs here
            };
            if (oid == null) {
                String what = switch (type) {
                    case "regclass" -> "relation";
                    case "regnamespace" -> "schema";
                    case "regrole" -> "role";
                    default -> "type";
                };
                throw new io.tealdb.error.CatalogException(what + " \"" + s.value() + "\" does not exist", c.pos());
            }
            return new BoundConstant(Value.ofInteger(oid));
        }
        if (c.operand() instanceof IntegerLiteral) return toInt(eb.bind(c.operand(), cx));
        return toInt(eb.bind(c.operand(), cx));
    }

    private static void lookup(Vector in, int n, Vector res, Map<Integer, String> defs) {
        for (int i = 0; i < n; i++) {
            String d = in.isNull(i) ? null : defs.get(in.ints[i]);
            if (d == null) res.setNull(i);
            else res.setString(i, d);
        }
    }

    private static BoundExpr toVarchar(BoundExpr e) {
        return e.type().equals(LogicalType.VARCHAR) ? e : new BoundCast(e, LogicalType.VARCHAR, false);
    }

    private static BoundExpr toInt(BoundExpr e) {
        return e.type().equals(LogicalType.INTEGER) ? e : new BoundCast(e, LogicalType.INTEGER, false);
    }

    private static BoundExpr constant(String s) {
        return new BoundConstant(Value.ofVarchar(s));
    }

    /** Binds the arguments (so errors in them still surface), then answers {@code result}. */
    private static BoundExpr bindAll(ExpressionBinder eb, List<Expr> args, BindContext cx, BoundExpr result) {
        for (Expr a : args) eb.bind(a, cx);
        return result;
    }
}
