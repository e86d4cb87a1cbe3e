package io.tealdb.session;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.TableEntry;
import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.cast.StructRemap;
import io.tealdb.parser.Parser;
import io.tealdb.parser.ast.AlterAction;
import io.tealdb.parser.ast.Identifier;
import io.tealdb.planner.Binder;
import io.tealdb.planner.ExprNames;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * ALTER TABLE on a field inside a nested column — {@code RENAME s.a.b TO c}, {@code DROP s.a.b},
 * {@code ADD s.a.c INTEGER [DEFAULT e]} — as DuckDB does it: the column changes type, and its values
 * (and its DEFAULT, for RENAME and ADD) go through {@code remap_struct} with a mapping that keeps
 * every other field. The path walks STRUCT fields by name, a LIST's {@code element} and a MAP's
 * {@code key} / {@code value}; only a STRUCT's fields can be renamed, dropped or added.
 */
final class NestedFieldAlter {
    private enum Op { RENAME, DROP, ADD }

    /** The new type of one level and the remap_struct mapping / defaults (SQL, defaults null for none) that produce it. */
    private record Step(LogicalType type, String mapping, String defaults) {
    }

    private final ClientContextImpl ctx;
    private final Transaction txn;
    private final TableEntry table;
    private final Op op;
    private final String column;
    private final String newName;
    private final LogicalType addedType;
    private final String addedDefault;
    private final boolean ifExists;

    private NestedFieldAlter(ClientContextImpl ctx, Transaction txn, TableEntry table, Op op, String column, String newName,
                             LogicalType addedType, String addedDefault, boolean ifExists) {
        this.ctx = ctx;
        this.txn = txn;
        this.table = table;
        this.op = op;
        this.column = column;
        this.newName = newName;
        this.addedType = addedType;
        this.addedDefault = addedDefault;
        this.ifExists = ifExists;
    }

    static void rename(ClientContextImpl ctx, Transaction txn, TableEntry table, AlterAction.RenameField r) {
        new NestedFieldAlter(ctx, txn, table, Op.RENAME, r.path().get(0).text(), r.newName().text(), null, null, false)
                .run(names(r.path()));
    }

    static void drop(ClientContextImpl ctx, Transaction txn, TableEntry table, AlterAction.DropField d) {
        new NestedFieldAlter(ctx, txn, table, Op.DROP, d.path().get(0).text(), null, null, null, d.ifExists())
                .run(names(d.path()));
    }

    /** {@code type} is the added field's resolved type. */
    static void add(ClientContextImpl ctx, Transaction txn, TableEntry table, AlterAction.AddField a, LogicalType type) {
        List<String> path = new ArrayList<>(names(a.parent()));
        path.add(a.field().name().text());
        String defaultSql = a.field().defaultValue() == null ? null : ExprNames.render(a.field().defaultValue());
        new NestedFieldAlter(ctx, txn, table, Op.ADD, a.parent().get(0).text(), a.field().name().text(), type, defaultSql,
                a.ifNotExists()).run(path);
    }

    private static List<String> names(List<Identifier> ids) {
        return ids.stream().map(Identifier::text).toList();
    }

    private void run(List<String> path) {
        int idx = table.columnIndex(column);
        if (idx < 0) {
            if (op == Op.ADD) throw new BinderException("Table \"" + table.name() + "\" does not have a column with name \"" + column + "\"");
            if (ifExists) return;
            throw new CatalogException("Cannot " + verb() + " field from column \"" + column + "\" - it does not exist");
        }
        ColumnDefinition def = table.columns().get(idx);
        LogicalType from = def.type();
        Step step = level(from, path.subList(1, path.size()), column);
        if (step == null) return; // IF [NOT] EXISTS and nothing to do
        Binder binder = ctx.binder(txn, null);
        Function<String, Value> constant = sql -> sql == null ? null
                : binder.constantValue(binder.bindConstantExpression(Parser.parseExpression(sql)), -1);
        ScalarKernel kernel = StructRemap.kernel(from, step.type(), constant.apply(step.mapping()), constant.apply(step.defaults()));
        ctx.catalog().changeColumnType(txn, table.schema(), table.name(), def.name(), step.type(), new int[]{idx},
                (input, output) -> kernel.execute(new Vector[]{input.column(0)}, input.size(), output));
        if (def.defaultSql() != null && op != Op.DROP) {
            // DuckDB's rewrite: the old default, remapped to the new shape (a DROP leaves it to the cast by name)
            String remapped = "remap_struct(CAST((" + def.defaultSql() + ") AS " + from + "), CAST(NULL AS " + step.type() + "), "
                    + step.mapping() + ", " + (step.defaults() == null ? "NULL" : step.defaults()) + ")";
            ctx.catalog().setColumnDefault(txn, table.schema(), table.name(), def.name(), remapped);
        }
    }

    private String verb() {
        return op == Op.RENAME ? "rename" : op == Op.DROP ? "drop" : "add";
    }

    /**
     * The remap of a value of {@code type} whose child {@code path.get(0)} is on the way to (or is)
     * the altered field; {@code name} is the name of {@code type}'s own column or field.
     */
    private Step level(LogicalType type, List<String> path, String name) {
        String child = path.get(0);
        boolean last = path.size() == 1;
        if (!type.isNested() || type.id() == TypeId.ARRAY) {
            if (op == Op.ADD) {
                throw new BinderException("Column \"" + name + "\" is not a nested type, ADD COLUMN can only be used on nested types");
            }
            throw new CatalogException("Cannot " + verb() + " field from column \"" + column + "\" - not a nested type");
        }
        if (type.id() != TypeId.STRUCT) {
            List<String> kids = type.id() == TypeId.LIST ? List.of("element") : List.of("key", "value");
            if (last && op == Op.ADD) {
                throw new BinderException("Column \"" + name + "\" is not a struct - ALTER TABLE can only add fields to structs");
            }
            int k = indexOf(kids, child);
            if (k < 0) return missing(child);
            if (last) {
                throw new CatalogException(op == Op.RENAME
                        ? "Cannot rename field \"" + child + "\" from column \"" + column + "\" - can only rename fields inside a struct"
                        : "Cannot drop field \"" + child + "\" from column \"" + column + "\" - it's not a struct");
            }
            if (type.id() == TypeId.LIST) {
                Step inner = level(type.childType(), path.subList(1, path.size()), child);
                if (inner == null) return null;
                return new Step(LogicalType.list(inner.type()), "{'list': ROW('list', " + inner.mapping() + ")}",
                        inner.defaults() == null ? null : "{'list': " + inner.defaults() + "}");
            }
            LogicalType[] kv = {type.mapKey(), type.mapValue()};
            Step inner = level(kv[k], path.subList(1, path.size()), child);
            if (inner == null) return null;
            kv[k] = inner.type();
            String[] maps = {"'key': 'key'", "'value': 'value'"};
            maps[k] = "'" + kids.get(k) + "': ROW('" + kids.get(k) + "', " + inner.mapping() + ")";
            return new Step(LogicalType.map(kv[0], kv[1]), "{" + maps[0] + ", " + maps[1] + "}",
                    inner.defaults() == null ? null : "{'" + kids.get(k) + "': " + inner.defaults() + "}");
        }
        List<TypeField> fields = type.children();
        int f = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(child)) f = i;
        }
        List<TypeField> out = new ArrayList<>();
        StringBuilder mapping = new StringBuilder("{");
        String defaults = null;
        if (last && op == Op.ADD) {
            if (f >= 0) {
                if (ifExists) return null;
                throw new CatalogException("Duplicate field \"" + child + "\" - field already exists in struct \"" + name + "\"");
            }
            for (TypeField field : fields) {
                out.add(field);
                entry(mapping, field.name(), literal(field.name()));
            }
            out.add(new TypeField(child, addedType));
            defaults = "{" + literal(child) + ": CAST(" + (addedDefault == null ? "NULL" : "(" + addedDefault + ")") + " AS " + addedType + ")}";
            return new Step(LogicalType.struct(out), mapping.append('}').toString(), defaults);
        }
        if (f < 0) return missing(child);
        if (last && op == Op.DROP && fields.size() == 1) {
            throw new CatalogException("Cannot drop field " + fields.get(f).name() + " from column " + column + " - it is the last field of the struct");
        }
        if (last && op == Op.RENAME) {
            for (TypeField field : fields) {
                if (field.name().equalsIgnoreCase(newName)) {
                    throw new CatalogException("Cannot rename field \"" + child + "\" from column \"" + column + "\" to " + newName
                            + " - a field with this name already exists");
                }
            }
        }
        Step inner = last ? null : level(fields.get(f).type(), path.subList(1, path.size()), fields.get(f).name());
        if (!last && inner == null) return null;
        for (int i = 0; i < fields.size(); i++) {
            TypeField field = fields.get(i);
            if (i != f) {
                out.add(field);
                entry(mapping, field.name(), literal(field.name()));
            } else if (op == Op.RENAME && last) {
                out.add(new TypeField(newName, field.type()));
                entry(mapping, newName, literal(field.name()));
            } else if (!last) {
                out.add(new TypeField(field.name(), inner.type()));
                entry(mapping, field.name(), "ROW(" + literal(field.name()) + ", " + inner.mapping() + ")");
                if (inner.defaults() != null) defaults = "{" + literal(field.name()) + ": " + inner.defaults() + "}";
            }
        }
        return new Step(LogicalType.struct(out), mapping.append('}').toString(), defaults);
    }

    private Step missing(String child) {
        if (ifExists && op == Op.DROP) return null;
        if (op == Op.ADD) throw new BinderException("Cannot add field to \"" + child + "\" - it does not exist");
        throw new CatalogException("Cannot " + verb() + " field \"" + child + "\" - it does not exist");
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private static void entry(StringBuilder mapping, String target, String source) {
        if (mapping.length() > 1) mapping.append(", ");
        mapping.append(literal(target)).append(": ").append(source);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
