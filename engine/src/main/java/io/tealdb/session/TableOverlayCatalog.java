package io.tealdb.session;

import io.tealdb.catalog.TableEntry;
import io.tealdb.planner.BinderCatalog;
import io.tealdb.planner.ViewDefinition;
import io.tealdb.types.LogicalType;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A binder catalog that shows one statement-local table in front of another catalog and forwards
 * everything else unchanged: RETURNING binds over a scratch copy of the changed rows under the
 * target's name, MERGE binds its actions over a scratch table of the joined rows.
 *
 * @param front returns the local table for (schema, name), or null to look in {@code base}
 */
record TableOverlayCatalog(BinderCatalog base, BiFunction<String, String, TableEntry> front) implements BinderCatalog {
    @Override
    public String defaultSchema() {
        return base.defaultSchema();
    }

    @Override
    public TableEntry findTable(String schema, String name) {
        TableEntry local = front.apply(schema, name);
        return local != null ? local : base.findTable(schema, name);
    }

    @Override
    public TableEntry findTable(String database, String schema, String name) {
        return database == null ? findTable(schema, name) : base.findTable(database, schema, name);
    }

    @Override
    public ViewDefinition findView(String database, String schema, String name) {
        return base.findView(database, schema, name);
    }

    @Override
    public io.tealdb.planner.FunctionResolver.BoundTableFunction findRegisteredScan(String name) {
        return base.findRegisteredScan(name);
    }

    @Override
    public io.tealdb.planner.FunctionResolver.BoundTableFunction replacementScan(String name) {
        return base.replacementScan(name);
    }

    @Override
    public ViewDefinition findView(String schema, String name) {
        return base.findView(schema, name);
    }

    @Override
    public Runnable enterView(ViewDefinition view) {
        return base.enterView(view);
    }

    @Override
    public List<String> relationNames(String schema) {
        return base.relationNames(schema);
    }

    @Override
    public SystemTable findSystemTable(String schema, String name) {
        return base.findSystemTable(schema, name);
    }

    @Override
    public SequenceHandle findSequence(String schema, String name) {
        return base.findSequence(schema, name);
    }

    @Override
    public LogicalType findType(String schema, String name) {
        return base.findType(schema, name);
    }

    @Override
    public MacroDefinition findMacro(String schema, String name, boolean table) {
        return base.findMacro(schema, name, table);
    }

    @Override
    public String catalogName() {
        return base.catalogName();
    }

    @Override
    public Integer pgOid(String kind, String name) {
        return base.pgOid(kind, name);
    }

    @Override
    public java.util.Map<Integer, String> pgDefinitions(String kind) {
        return base.pgDefinitions(kind);
    }
}
