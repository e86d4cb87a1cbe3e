package io.tealdb.parser;

import io.tealdb.parser.ast.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hand-written recursive-descent parser for the DuckDB dialect of SQL.
 *
 * <p>Expression precedence follows PostgreSQL (lowest first): OR; AND; NOT; IS / ISNULL /
 * NOTNULL; comparison (= <> < > <= >=); BETWEEN / IN / LIKE / ILIKE / GLOB / SIMILAR TO;
 * other operators (|| -> ->> & | << >> @> <@ && ~ ...); + -; * / // %; ^ **; unary + - ~;
 * postfix :: [] . COLLATE AT TIME ZONE.
 *
 * <p>Instances are single-use; call the static entry points.
 */
public final class Parser {
    /** Words that can never be a column/table name or bare alias unless quoted (PostgreSQL's
     *  reserved keywords, plus QUALIFY which DuckDB reserves). */
    private static final Set<String> RESERVED = Set.of(
            "ALL", "AND", "ANY", "AS", "ASC", "BOTH", "CASE", "CAST", "CHECK", "COLLATE", "CONSTRAINT",
            "CREATE", "DEFAULT", "DESC", "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "FALSE", "FETCH", "FOR",
            "FOREIGN", "FROM", "GRANT", "GROUP", "HAVING", "IN", "INTERSECT", "INTO", "LATERAL", "LEADING",
            "LIMIT", "NOT", "NULL", "OFFSET", "ON", "ONLY", "OR", "ORDER", "PRIMARY", "REFERENCES",
            "RETURNING", "SELECT", "SOME", "SYMMETRIC", "TABLE", "THEN", "TO", "TRAILING", "TRUE", "UNION",
            "UNIQUE", "USING", "VARIADIC", "WHEN", "WHERE", "WINDOW", "WITH", "QUALIFY");

    /** Non-reserved words that still cannot be a bare (AS-less) alias, because they continue the
     *  surrounding clause: join keywords, postfix predicates, window/aggregate modifiers. */
    private static final Set<String> NOT_BARE_ALIAS = Set.of(
            "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "SEMI", "ANTI", "ASOF",
            "POSITIONAL", "IS", "ISNULL", "NOTNULL", "LIKE", "ILIKE", "GLOB", "SIMILAR", "BETWEEN", "ESCAPE",
            "OVER", "FILTER", "TABLESAMPLE", "PIVOT", "UNPIVOT", "WITHIN", "SET", "NULLS", "EXCLUDE",
            "REPLACE", "RENAME", "AT", "IGNORE", "RESPECT", "PRECEDING", "FOLLOWING", "RANGE", "ROWS", "GROUPS",
            "MINUS", "BY");

    /** Type names that may prefix a string to form a typed literal (DATE '2020-01-01'). */
    private static final Set<String> TYPED_LITERAL_TYPES = Set.of(
            "DATE", "TIME", "TIMESTAMP", "TIMESTAMPTZ", "TIMETZ", "DATETIME", "VARCHAR", "TEXT", "STRING", "CHAR",
            "INTEGER", "INT", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "DOUBLE", "FLOAT", "REAL", "DECIMAL",
            "NUMERIC", "BOOLEAN", "BOOL", "BLOB", "BYTEA", "UUID", "JSON", "TIMESTAMP_S", "TIMESTAMP_MS",
            "TIMESTAMP_NS", "BIT", "BITSTRING", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "UHUGEINT");

    private static final Map<String, String> INTERVAL_UNITS = Map.ofEntries(
            Map.entry("YEAR", "YEAR"), Map.entry("YEARS", "YEAR"), Map.entry("Y", "YEAR"),
            Map.entry("MONTH", "MONTH"), Map.entry("MONTHS", "MONTH"), Map.entry("MON", "MONTH"),
            Map.entry("DAY", "DAY"), Map.entry("DAYS", "DAY"), Map.entry("D", "DAY"),
            Map.entry("HOUR", "HOUR"), Map.entry("HOURS", "HOUR"), Map.entry("H", "HOUR"),
            Map.entry("MINUTE", "MINUTE"), Map.entry("MINUTES", "MINUTE"), Map.entry("MIN", "MINUTE"),
            Map.entry("SECOND", "SECOND"), Map.entry("SECONDS", "SECOND"), Map.entry("S", "SECOND"),
            Map.entry("MILLISECOND", "MILLISECOND"), Map.entry("MILLISECONDS", "MILLISECOND"), Map.entry("MS", "MILLISECOND"),
            Map.entry("MICROSECOND", "MICROSECOND"), Map.entry("MICROSECONDS", "MICROSECOND"), Map.entry("US", "MICROSECOND"),
            Map.entry("WEEK", "WEEK"), Map.entry("WEEKS", "WEEK"), Map.entry("QUARTER", "QUARTER"),
            Map.entry("QUARTERS", "QUARTER"), Map.entry("DECADE", "DECADE"), Map.entry("DECADES", "DECADE"),
            Map.entry("CENTURY", "CENTURY"), Map.entry("CENTURIES", "CENTURY"), Map.entry("MILLENNIUM", "MILLENNIUM"),
            Map.entry("MILLENNIA", "MILLENNIUM"), Map.entry("MILLENNIUMS", "MILLENNIUM"));

    /** Option words of the legacy COPY syntax (COPY t FROM 'f' CSV HEADER): a word following an
     *  option name is its value unless it is itself one of these. */
    private static final Set<String> LEGACY_COPY_OPTIONS = Set.of(
            "CSV", "HEADER", "DELIMITER", "NULL", "QUOTE", "ESCAPE", "FORCE", "FORMAT", "BINARY", "ENCODING");

    /** Niladic SQL functions written without parentheses. */
    private static final Set<String> NILADIC_FUNCTIONS = Set.of(
            "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_USER",
            "SESSION_USER", "CURRENT_ROLE", "CURRENT_CATALOG", "USER");

    private final String sql;
    private final List<Token> tokens;
    private final int lastIndex;
    private int index;

    /** {@code $name} parameters seen so far, numbered 1, 2, ... in order of first appearance (see {@link #parameterNames}). */
    private final Map<String, Integer> namedParameters = new java.util.LinkedHashMap<>();
    private boolean positionalParameters;

    /** The last pivoted expression of a PIVOT statement without IN list seen so far (see checkNoDataPivot). */
    private Expr dataPivot;

    private Parser(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
        this.lastIndex = tokens.size() - 1;
    }

    // ------------------------------------------------------------------ public API

    /** Parses zero or more ';'-separated statements. */
    public static List<Statement> parse(String sql) {
        return guarded(sql, Parser::parseStatements);
    }

    /** Parses exactly one statement (a trailing ';' is allowed). */
    public static Statement parseStatement(String sql) {
        List<Statement> statements = parse(sql);
        if (statements.size() != 1) {
            throw new ParserException("expected exactly one statement, found " + statements.size(), statements.isEmpty() ? 0 : statements.get(1).pos());
        }
        return statements.get(0);
    }

    /**
     * The names of the {@code $name} parameters of {@code sql}, in the order the parser numbers them
     * (first appearance); empty when it has none.
     */
    public static List<String> parameterNames(String sql) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Token t : guarded(sql, p -> p.tokens)) {
            if (t.kind() == TokenKind.PARAMETER && !t.value().isEmpty() && !Character.isDigit(t.value().charAt(0))) names.add(t.value());
        }
        return List.copyOf(names);
    }

    /** Parses a single scalar expression covering the whole text. */
    public static Expr parseExpression(String sql) {
        return guarded(sql, p -> {
            Expr e = p.parseExpr();
            p.expectEnd();
            return e;
        });
    }

    /** Parses a type name such as {@code DECIMAL(18,3)} or {@code STRUCT(a INT)[]}. */
    public static TypeName parseType(String sql) {
        return guarded(sql, p -> {
            TypeName t = p.parseTypeName();
            p.expectEnd();
            return t;
        });
    }

    private static <T> T guarded(String sql, java.util.function.Function<Parser, T> body) {
        if (sql == null) throw new ParserException("SQL text is null", -1);
        Parser parser = new Parser(sql);
        try {
            return body.apply(parser);
        } catch (StackOverflowError e) {
            throw new ParserException("statement is too deeply nested", -1);
        }
    }

    // ------------------------------------------------------------------ token helpers

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, lastIndex));
    }

    private Token next() {
        Token t = tokens.get(index);
        if (index < lastIndex) index++;
        return t;
    }

    private boolean atEnd() {
        return peek().kind() == TokenKind.END_OF_INPUT;
    }

    private boolean at(String keyword) {
        return peek().isKeyword(keyword);
    }

    private boolean at(String keyword, String then) {
        return peek().isKeyword(keyword) && peek(1).isKeyword(then);
    }

    private boolean atOp(String symbol) {
        return peek().isOperator(symbol);
    }

    private boolean accept(String keyword) {
        if (at(keyword)) {
            next();
            return true;
        }
        return false;
    }

    private boolean accept(String keyword, String then) {
        if (at(keyword, then)) {
            next();
            next();
            return true;
        }
        return false;
    }

    private boolean acceptOp(String symbol) {
        if (atOp(symbol)) {
            next();
            return true;
        }
        return false;
    }

    private Token expect(String keyword) {
        if (!at(keyword)) throw error();
        return next();
    }

    private Token expectOp(String symbol) {
        if (!atOp(symbol)) throw error();
        return next();
    }

    private void expectEnd() {
        acceptOp(";");
        if (!atEnd()) throw error();
    }

    /** A syntax error at the current token. */
    private ParserException error() {
        return errorAt(peek());
    }

    private ParserException errorAt(Token t) {
        if (t.kind() == TokenKind.END_OF_INPUT) {
            return new ParserException("syntax error at end of input", t.pos());
        }
        return new ParserException("syntax error at or near \"" + t.text() + "\"", t.pos());
    }

    private static boolean isReserved(Token t) {
        return t.kind() == TokenKind.IDENTIFIER && RESERVED.contains(t.upper());
    }

    private static boolean canBeBareAlias(Token t) {
        if (t.kind() == TokenKind.QUOTED_IDENTIFIER) return true;
        return t.kind() == TokenKind.IDENTIFIER && !RESERVED.contains(t.upper()) && !NOT_BARE_ALIAS.contains(t.upper());
    }

    /** An identifier that is not a reserved word (or is quoted). */
    private Identifier parseIdentifier() {
        Token t = peek();
        if (!t.isIdentifierLike() || isReserved(t)) throw error();
        next();
        return new Identifier(t.value(), t.kind() == TokenKind.QUOTED_IDENTIFIER, t.pos());
    }

    /** Any word, reserved or not (after '.', as option names, etc.). */
    private Identifier parseAnyIdentifier() {
        Token t = peek();
        if (!t.isIdentifierLike()) throw error();
        next();
        return new Identifier(t.value(), t.kind() == TokenKind.QUOTED_IDENTIFIER, t.pos());
    }

    private QualifiedName parseQualifiedName() {
        int pos = peek().pos();
        List<Identifier> parts = new ArrayList<>();
        parts.add(parseIdentifier());
        while (atOp(".") && peek(1).isIdentifierLike()) {
            next();
            parts.add(parseAnyIdentifier());
        }
        return new QualifiedName(parts, pos);
    }

    private List<Identifier> parseIdentifierList() {
        List<Identifier> ids = new ArrayList<>();
        do {
            ids.add(parseIdentifier());
        } while (acceptOp(","));
        return ids;
    }

    private List<Identifier> parseParenthesizedIdentifiers() {
        expectOp("(");
        List<Identifier> ids = parseIdentifierList();
        expectOp(")");
        return ids;
    }

    private static Identifier name(String text, int pos) {
        return new Identifier(text, false, pos);
    }

    // ------------------------------------------------------------------ statements

    private List<Statement> parseStatements() {
        List<Statement> statements = new ArrayList<>();
        while (true) {
            while (acceptOp(";")) {
                // empty statements are allowed
            }
            if (atEnd()) return statements;
            statements.add(parseOneStatement());
            if (!atEnd() && !atOp(";")) throw error();
        }
    }

    private Statement parseOneStatement() {
        Token t = peek();
        int pos = t.pos();
        if (t.isOperator("(")) return new SelectStatement(parseQuery(), pos);
        if (t.kind() != TokenKind.IDENTIFIER) throw error();
        return switch (t.upper()) {
            case "SELECT", "VALUES", "FROM", "TABLE", "PIVOT", "PIVOT_WIDER", "UNPIVOT", "PIVOT_LONGER" ->
                    new SelectStatement(parseQuery(), pos);
            case "WITH" -> parseWithStatement();
            case "CREATE" -> parseCreate();
            case "DROP" -> parseDrop();
            case "INSERT" -> parseInsert(null);
            case "UPDATE" -> parseUpdate(null);
            case "MERGE" -> parseMerge(null);
            case "DELETE" -> parseDelete(null);
            case "TRUNCATE" -> parseTruncate();
            case "COPY" -> parseCopy();
            case "EXPORT" -> parseExportDatabase();
            case "IMPORT" -> {
                next();
                expect("DATABASE");
                yield new ImportDatabase(parsePrimary(), pos);
            }
            case "BEGIN", "START" -> parseBegin();
            case "COMMIT", "END" -> {
                next();
                if (!accept("TRANSACTION")) accept("WORK");
                yield new Transaction(TransactionKind.COMMIT, pos);
            }
            case "ROLLBACK", "ABORT" -> {
                next();
                if (!accept("TRANSACTION")) accept("WORK");
                yield new Transaction(TransactionKind.ROLLBACK, pos);
            }
            case "ALTER" -> parseAlter();
            case "EXPLAIN" -> parseExplain();
            case "SET" -> parseSet();
            case "RESET" -> parseReset();
            case "PRAGMA" -> parsePragma();
            case "PREPARE" -> parsePrepare();
            case "EXECUTE" -> parseExecute();
            case "DEALLOCATE" -> parseDeallocate();
            case "SHOW" -> parseShow();
            case "DESCRIBE", "DESC" -> parseDescribe(DescribeKind.DESCRIBE);
            case "SUMMARIZE" -> parseDescribe(DescribeKind.SUMMARIZE);
            case "USE" -> {
                next();
                yield new Use(parseQualifiedName(), pos);
            }
            case "CHECKPOINT", "FORCE" -> parseCheckpoint();
            case "VACUUM", "ANALYZE" -> parseVacuum();
            case "CALL" -> parseCall();
            case "ATTACH" -> parseAttach();
            case "DETACH" -> parseDetach();
            case "LOAD", "INSTALL", "FORCE_INSTALL" -> parseLoad();
            default -> throw error();
        };
    }

    private Statement parseWithStatement() {
        int pos = peek().pos();
        int save = index;
        With with = parseWith();
        if (at("INSERT")) return parseInsert(with);
        if (at("UPDATE")) return parseUpdate(with);
        if (at("DELETE")) return parseDelete(with);
        if (at("MERGE")) return parseMerge(with);
        index = save;
        return new SelectStatement(parseQuery(), pos);
    }

    // ---- CREATE

    private Statement parseCreate() {
        int pos = expect("CREATE").pos();
        boolean orReplace = accept("OR", "REPLACE");
        boolean temporary = accept("TEMP") || accept("TEMPORARY");
        if (!temporary) accept("PERSISTENT");
        boolean unique = accept("UNIQUE");
        Token kind = peek();
        if (unique && !kind.isKeyword("INDEX")) throw error();
        if (kind.kind() != TokenKind.IDENTIFIER) throw error();
        switch (kind.upper()) {
            case "TABLE" -> {
                next();
                return parseCreateTable(pos, orReplace, temporary);
            }
            case "VIEW" -> {
                next();
                boolean ifNotExists = parseIfNotExists();
                QualifiedName name = parseQualifiedName();
                List<Identifier> columns = atOp("(") ? parseParenthesizedIdentifiers() : List.of();
                expect("AS");
                Expr firstDataPivot = dataPivot;
                QueryNode query = parseQuery();
                checkNoDataPivot(firstDataPivot, "view");
                return new CreateView(name, orReplace, temporary, ifNotExists, columns, query, pos);
            }
            case "SCHEMA" -> {
                next();
                boolean ifNotExists = parseIfNotExists();
                return new CreateSchema(parseQualifiedName(), ifNotExists, orReplace, pos);
            }
            case "SEQUENCE" -> {
                next();
                return parseCreateSequence(pos, orReplace, temporary);
            }
            case "MACRO", "FUNCTION" -> {
                next();
                return parseCreateMacro(pos, orReplace, temporary);
            }
            case "INDEX" -> {
                next();
                boolean ifNotExists = parseIfNotExists();
                Identifier name = parseIdentifier();
                expect("ON");
                QualifiedName table = parseQualifiedName();
                if (accept("USING")) parseIdentifier();
                expectOp("(");
                List<Expr> keys = parseExprList();
                expectOp(")");
                if (accept("WITH")) parseOptionList(); // index options are accepted and ignored
                return new CreateIndex(name, table, keys, unique, ifNotExists, orReplace, pos);
            }
            case "TYPE" -> {
                next();
                boolean ifNotExists = parseIfNotExists();
                QualifiedName name = parseQualifiedName();
                expect("AS");
                return new CreateType(name, parseTypeName(), orReplace, ifNotExists, pos);
            }
            default -> throw error();
        }
    }

    private boolean parseIfNotExists() {
        if (at("IF")) {
            next();
            expect("NOT");
            expect("EXISTS");
            return true;
        }
        return false;
    }

    private boolean parseIfExists() {
        if (at("IF") && peek(1).isKeyword("EXISTS")) {
            next();
            next();
            return true;
        }
        return false;
    }

    private Statement parseCreateTable(int pos, boolean orReplace, boolean temporary) {
        boolean ifNotExists = parseIfNotExists();
        QualifiedName name = parseQualifiedName();
        List<ColumnDef> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        if (acceptOp("(")) {
            do {
                if (atOp(")")) break; // trailing comma
                if (at("CONSTRAINT") || at("PRIMARY") || at("UNIQUE") || at("CHECK") || at("FOREIGN")) {
                    constraints.add(parseTableConstraint());
                } else {
                    columns.add(parseColumnDef());
                }
            } while (acceptOp(","));
            expectOp(")");
        }
        QueryNode asQuery = null;
        if (accept("AS")) {
            asQuery = parseQuery();
            if (accept("WITH")) {
                if (accept("NO")) {
                    // the table gets the query's columns but none of its rows
                    int at = expect("DATA").pos();
                    SelectNode all = simpleSelectStar(new SubqueryRef(asQuery, false, null, at), at);
                    asQuery = new SelectNode(null, false, List.of(), all.items(), all.from(), null, null, null, List.of(),
                            null, List.of(), new LimitClause(new IntegerLiteral("0", at), null, false, at), at);
                } else {
                    expect("DATA");
                }
            }
        } else if (columns.isEmpty() && constraints.isEmpty()) {
            throw error();
        }
        return new CreateTable(name, orReplace, temporary, ifNotExists, columns, constraints, asQuery, pos);
    }

    private ColumnDef parseColumnDef() {
        int pos = peek().pos();
        Identifier name = parseIdentifier();
        TypeName type = null;
        if (!at("GENERATED") && !at("AS") && !atOp(",") && !atOp(")") && !atColumnConstraint()) {
            type = parseTypeName();
        }
        boolean notNull = false, primaryKey = false, unique = false, stored = false, hidden = false;
        Expr defaultValue = null, generated = null;
        List<Expr> checks = new ArrayList<>();
        ForeignKeyRef references = null;
        String collation = null;
        while (true) {
            if (accept("CONSTRAINT")) {
                parseIdentifier(); // constraint names are accepted but not kept for column constraints
            } else if (accept("NOT")) {
                expect("NULL");
                notNull = true;
            } else if (accept("NULL")) {
                // explicit nullability is the default
            } else if (accept("DEFAULT")) {
                defaultValue = parseOtherOperators();
            } else if (accept("PRIMARY")) {
                expect("KEY");
                primaryKey = true;
            } else if (accept("UNIQUE")) {
                unique = true;
            } else if (accept("CHECK")) {
                expectOp("(");
                checks.add(parseExpr());
                expectOp(")");
            } else if (at("REFERENCES")) {
                references = parseReferences();
            } else if (at("GENERATED") || at("AS")) {
                if (accept("GENERATED")) {
                    expect("ALWAYS");
                }
                expect("AS");
                expectOp("(");
                generated = parseExpr();
                expectOp(")");
                if (accept("STORED")) stored = true;
                else accept("VIRTUAL");
            } else if (accept("COLLATE")) {
                collation = parseCollationName();
            } else if (generated != null && accept("HIDDEN")) {
                hidden = true;
            } else {
                break;
            }
        }
        return new ColumnDef(name, type, notNull, defaultValue, primaryKey, unique, checks, references,
                generated, stored, hidden, collation, pos);
    }

    private boolean atColumnConstraint() {
        return at("NOT") || at("NULL") || at("DEFAULT") || at("PRIMARY") || at("UNIQUE") || at("CHECK")
                || at("REFERENCES") || at("COLLATE") || at("CONSTRAINT");
    }

    private ForeignKeyRef parseReferences() {
        int pos = expect("REFERENCES").pos();
        QualifiedName table = parseQualifiedName();
        List<Identifier> columns = atOp("(") ? parseParenthesizedIdentifiers() : List.of();
        // ON DELETE/UPDATE actions: accepted and ignored (DuckDB only supports the default)
        while (at("ON") && (peek(1).isKeyword("DELETE") || peek(1).isKeyword("UPDATE"))) {
            next();
            next();
            if (accept("NO")) expect("ACTION");
            else if (accept("SET")) {
                if (!accept("NULL")) expect("DEFAULT");
            } else if (!accept("CASCADE")) expect("RESTRICT");
        }
        return new ForeignKeyRef(table, columns, pos);
    }

    private TableConstraint parseTableConstraint() {
        int pos = peek().pos();
        Identifier name = accept("CONSTRAINT") ? parseIdentifier() : null;
        if (accept("PRIMARY")) {
            expect("KEY");
            return new TableConstraint(name, TableConstraintKind.PRIMARY_KEY, parseParenthesizedIdentifiers(), null, null, pos);
        }
        if (accept("UNIQUE")) {
            return new TableConstraint(name, TableConstraintKind.UNIQUE, parseParenthesizedIdentifiers(), null, null, pos);
        }
        if (accept("CHECK")) {
            expectOp("(");
            Expr check = parseExpr();
            expectOp(")");
            return new TableConstraint(name, TableConstraintKind.CHECK, List.of(), check, null, pos);
        }
        expect("FOREIGN");
        expect("KEY");
        List<Identifier> columns = parseParenthesizedIdentifiers();
        return new TableConstraint(name, TableConstraintKind.FOREIGN_KEY, columns, null, parseReferences(), pos);
    }

    private Statement parseCreateSequence(int pos, boolean orReplace, boolean temporary) {
        boolean ifNotExists = parseIfNotExists();
        QualifiedName name = parseQualifiedName();
        Expr start = null, increment = null, minValue = null, maxValue = null;
        boolean cycle = false;
        while (true) {
            if (accept("START")) {
                accept("WITH");
                start = parseUnary();
            } else if (accept("INCREMENT")) {
                accept("BY");
                increment = parseUnary();
            } else if (accept("MINVALUE")) {
                minValue = parseUnary();
            } else if (accept("MAXVALUE")) {
                maxValue = parseUnary();
            } else if (accept("CYCLE")) {
                cycle = true;
            } else if (accept("NO")) {
                if (!accept("MINVALUE") && !accept("MAXVALUE")) expect("CYCLE");
            } else {
                break;
            }
        }
        return new CreateSequence(name, orReplace, temporary, ifNotExists, start, increment, minValue, maxValue, cycle, pos);
    }

    private Statement parseCreateMacro(int pos, boolean orReplace, boolean temporary) {
        boolean ifNotExists = parseIfNotExists();
        QualifiedName name = parseQualifiedName();
        expectOp("(");
        List<MacroParam> params = new ArrayList<>();
        if (!atOp(")")) {
            do {
                int paramPos = peek().pos();
                Identifier param = parseIdentifier();
                Expr defaultValue = null;
                if (acceptOp(":=")) defaultValue = parseExpr();
                params.add(new MacroParam(param, defaultValue, paramPos));
            } while (acceptOp(","));
        }
        expectOp(")");
        expect("AS");
        Expr firstDataPivot = dataPivot;
        if (accept("TABLE")) {
            QueryNode query = parseQuery();
            checkNoDataPivot(firstDataPivot, "macro");
            return new CreateMacro(name, orReplace, temporary, ifNotExists, params, null, query, pos);
        }
        Expr body = parseExpr();
        checkNoDataPivot(firstDataPivot, "macro");
        return new CreateMacro(name, orReplace, temporary, ifNotExists, params, body, null, pos);
    }

    /**
     * A PIVOT statement whose values come from the data runs a query up front, which a stored view
     * or macro cannot do: DuckDB rejects it while parsing.
     */
    private void checkNoDataPivot(Expr before, String what) {
        if (dataPivot == before) return;
        throw new ParserException("PIVOT statements with pivot elements extracted from the data cannot be used in "
                + what + "s.\nIn order to use PIVOT in a " + what + " the PIVOT values must be manually specified, e.g.:\n"
                + "PIVOT ... ON " + (dataPivot instanceof ColumnRef c ? c.last().text() : "expr") + " IN (val1, val2, ...)", dataPivot.pos());
    }

    // ---- DROP / ALTER

    private Statement parseDrop() {
        int pos = expect("DROP").pos();
        ObjectKind kind = parseObjectKind();
        boolean ifExists = parseIfExists();
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(parseQualifiedName());
        } while (acceptOp(","));
        boolean cascade = accept("CASCADE");
        if (!cascade) accept("RESTRICT");
        return new Drop(kind, names, ifExists, cascade, pos);
    }

    private ObjectKind parseObjectKind() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENTIFIER) throw error();
        ObjectKind kind = switch (t.upper()) {
            case "TABLE" -> ObjectKind.TABLE;
            case "VIEW" -> ObjectKind.VIEW;
            case "SCHEMA" -> ObjectKind.SCHEMA;
            case "SEQUENCE" -> ObjectKind.SEQUENCE;
            case "MACRO" -> ObjectKind.MACRO;
            case "FUNCTION" -> ObjectKind.FUNCTION;
            case "INDEX" -> ObjectKind.INDEX;
            case "TYPE" -> ObjectKind.TYPE;
            default -> throw error();
        };
        next();
        if (kind == ObjectKind.MACRO && accept("TABLE")) kind = ObjectKind.MACRO_TABLE;
        return kind;
    }

    private Statement parseAlter() {
        int pos = expect("ALTER").pos();
        ObjectKind kind = parseObjectKind();
        boolean ifExists = parseIfExists();
        QualifiedName name = parseQualifiedName();
        int actionPos = peek().pos();
        AlterAction action;
        if (accept("ADD")) {
            if (at("CONSTRAINT") || at("PRIMARY") || at("UNIQUE") || at("CHECK") || at("FOREIGN")) {
                action = new AlterAction.AddConstraint(parseTableConstraint(), actionPos);
            } else {
                accept("COLUMN");
                boolean ifNotExists = parseIfNotExists();
                List<Identifier> parent = new ArrayList<>();
                while (peek().isIdentifierLike() && peek(1).isOperator(".")) {
                    parent.add(parent.isEmpty() ? parseIdentifier() : parseAnyIdentifier());
                    next();
                }
                ColumnDef def = parseColumnDef();
                action = parent.isEmpty() ? new AlterAction.AddColumn(def, ifNotExists, actionPos)
                        : new AlterAction.AddField(parent, def, ifNotExists, actionPos);
            }
        } else if (accept("DROP")) {
            accept("COLUMN");
            boolean columnIfExists = parseIfExists();
            List<Identifier> path = parseQualifiedName().parts(); // a column, or a column and the fields down to a nested one
            boolean cascade = accept("CASCADE");
            if (!cascade) accept("RESTRICT");
            action = path.size() == 1 ? new AlterAction.DropColumn(path.get(0), columnIfExists, cascade, actionPos)
                    : new AlterAction.DropField(path, columnIfExists, actionPos);
        } else if (accept("RENAME")) {
            if (accept("TO")) {
                action = new AlterAction.RenameTable(parseIdentifier(), actionPos);
            } else {
                accept("COLUMN");
                List<Identifier> path = parseQualifiedName().parts(); // a column, or a column and the fields down to a nested one
                expect("TO");
                Identifier newName = parseIdentifier();
                action = path.size() == 1 ? new AlterAction.RenameColumn(path.get(0), newName, actionPos)
                        : new AlterAction.RenameField(path, newName, actionPos);
            }
        } else if (accept("ALTER")) {
            accept("COLUMN");
            Identifier column = parseIdentifier();
            if (accept("SET")) {
                if (accept("DEFAULT")) {
                    action = new AlterAction.SetDefault(column, parseExpr(), actionPos);
                } else if (accept("NOT")) {
                    expect("NULL");
                    action = new AlterAction.SetNotNull(column, actionPos);
                } else {
                    expect("DATA");
                    action = parseAlterType(column, actionPos);
                }
            } else if (accept("DROP")) {
                if (accept("DEFAULT")) {
                    action = new AlterAction.DropDefault(column, actionPos);
                } else {
                    expect("NOT");
                    expect("NULL");
                    action = new AlterAction.DropNotNull(column, actionPos);
                }
            } else {
                action = parseAlterType(column, actionPos);
            }
        } else {
            throw error();
        }
        return new AlterTable(kind, name, ifExists, action, pos);
    }

    private AlterAction parseAlterType(Identifier column, int pos) {
        expect("TYPE");
        TypeName type = parseTypeName();
        Expr using = accept("USING") ? parseExpr() : null;
        return new AlterAction.AlterColumnType(column, type, using, pos);
    }

    // ---- DML

    private Statement parseInsert(With with) {
        int pos = with != null ? with.pos() : peek().pos();
        expect("INSERT");
        ConflictAction orAction = ConflictAction.NONE;
        if (accept("OR")) {
            if (accept("REPLACE")) orAction = ConflictAction.REPLACE;
            else {
                expect("IGNORE");
                orAction = ConflictAction.IGNORE;
            }
        }
        expect("INTO");
        QualifiedName table = parseQualifiedName();
        Identifier alias = accept("AS") ? parseIdentifier() : null;
        boolean byName = false;
        if (accept("BY")) {
            if (accept("NAME")) byName = true;
            else expect("POSITION");
        }
        List<Identifier> columns = List.of();
        if (atOp("(") && !isQueryAhead()) columns = parseParenthesizedIdentifiers();
        if (!byName && accept("BY")) {
            if (accept("NAME")) byName = true;
            else expect("POSITION");
        }
        QueryNode source = null;
        if (accept("DEFAULT")) {
            expect("VALUES");
        } else {
            source = parseQuery();
        }
        OnConflict onConflict = null;
        if (at("ON") && peek(1).isKeyword("CONFLICT")) onConflict = parseOnConflict();
        List<SelectItem> returning = parseReturning();
        return new Insert(with, table, alias, orAction, byName, columns, source, onConflict, returning, pos);
    }

    private OnConflict parseOnConflict() {
        int pos = expect("ON").pos();
        expect("CONFLICT");
        List<Identifier> target = List.of();
        Expr targetWhere = null;
        if (atOp("(")) {
            target = parseParenthesizedIdentifiers();
            if (accept("WHERE")) targetWhere = parseExpr();
        }
        expect("DO");
        if (accept("NOTHING")) return new OnConflict(target, targetWhere, true, List.of(), null, pos);
        expect("UPDATE");
        expect("SET");
        List<SetClause> sets = parseSetClauses();
        Expr where = accept("WHERE") ? parseExpr() : null;
        return new OnConflict(target, targetWhere, false, sets, where, pos);
    }

    private List<SetClause> parseSetClauses() {
        List<SetClause> sets = new ArrayList<>();
        do {
            int pos = peek().pos();
            List<Identifier> columns;
            if (atOp("(")) {
                columns = parseParenthesizedIdentifiers();
            } else {
                Identifier column = parseIdentifier();
                if (atOp(".")) throw new ParserException("Qualified column names in UPDATE .. SET not supported", peek().pos());
                columns = List.of(column);
            }
            expectOp("=");
            if (columns.size() > 1 && atOp("(") && peek(1).isOperator(")")) {
                throw new ParserException("Could not perform assignment, expected " + columns.size() + " values, got 0", peek().pos());
            }
            sets.add(new SetClause(columns, parseExpr(), pos));
        } while (acceptOp(","));
        return sets;
    }

    private List<SelectItem> parseReturning() {
        if (!accept("RETURNING")) return List.of();
        return parseSelectList();
    }

    private Statement parseUpdate(With with) {
        int pos = with != null ? with.pos() : peek().pos();
        expect("UPDATE");
        QualifiedName table = parseQualifiedName();
        Identifier alias = null;
        if (accept("AS")) alias = parseIdentifier();
        else if (canBeBareAlias(peek())) alias = parseIdentifier();
        expect("SET");
        List<SetClause> sets = parseSetClauses();
        TableRef from = accept("FROM") ? parseFromList() : null;
        Expr where = accept("WHERE") ? parseExpr() : null;
        return new Update(with, table, alias, sets, from, where, parseReturning(), pos);
    }

    private Statement parseMerge(With with) {
        int pos = expect("MERGE").pos();
        expect("INTO");
        QualifiedName table = parseQualifiedName();
        Identifier alias = null;
        if (accept("AS")) alias = parseIdentifier();
        else if (canBeBareAlias(peek()) && !at("USING")) alias = parseIdentifier();
        expect("USING");
        TableRef source = parseTablePrimary();
        Expr on = null;
        List<Identifier> using = List.of();
        if (accept("ON")) on = parseExpr();
        else {
            expect("USING");
            using = parseParenthesizedIdentifiers();
        }
        List<MergeAction> actions = new ArrayList<>();
        while (at("WHEN")) actions.add(parseMergeAction());
        if (actions.isEmpty()) throw error();
        List<SelectItem> returning = parseReturning();
        return new Merge(with, table, alias, source, on, using, actions, returning, pos);
    }

    private MergeAction parseMergeAction() {
        int pos = expect("WHEN").pos();
        MergeAction.MergeMatch match;
        if (accept("MATCHED")) {
            match = MergeAction.MergeMatch.MATCHED;
        } else {
            expect("NOT");
            expect("MATCHED");
            match = MergeAction.MergeMatch.NOT_MATCHED_BY_TARGET;
            if (accept("BY")) {
                if (accept("SOURCE")) match = MergeAction.MergeMatch.NOT_MATCHED_BY_SOURCE;
                else expect("TARGET");
            }
        }
        Expr condition = accept("AND") ? parseExpr() : null;
        expect("THEN");
        List<SetClause> sets = List.of();
        List<Identifier> columns = List.of();
        List<Expr> values = List.of();
        boolean byName = false, defaultValues = false;
        MergeAction.MergeActionKind kind;
        if (accept("UPDATE")) {
            kind = MergeAction.MergeActionKind.UPDATE;
            if (accept("BY")) {
                if (accept("NAME")) byName = true;
                else expect("POSITION");
            } else if (accept("SET")) {
                if (!acceptOp("*")) sets = parseSetClauses();
            }
        } else if (accept("DELETE")) {
            kind = MergeAction.MergeActionKind.DELETE;
        } else if (accept("DO")) {
            expect("NOTHING");
            kind = MergeAction.MergeActionKind.DO_NOTHING;
        } else if (accept("ERROR")) {
            kind = MergeAction.MergeActionKind.ERROR;
            if (!at("WHEN") && !at("RETURNING") && !atEnd() && !atOp(";")) values = List.of(parseExpr());
        } else {
            expect("INSERT");
            kind = MergeAction.MergeActionKind.INSERT;
            if (accept("BY")) {
                if (accept("NAME")) byName = true;
                else expect("POSITION");
            }
            if (acceptOp("*")) {
                // INSERT *: the source columns
            } else if (accept("DEFAULT")) {
                expect("VALUES");
                defaultValues = true;
            } else {
                if (atOp("(")) columns = parseParenthesizedIdentifiers();
                if (accept("VALUES")) {
                    expectOp("(");
                    values = parseExprList();
                    expectOp(")");
                }
            }
        }
        return new MergeAction(match, condition, kind, sets, byName, columns, values, defaultValues, pos);
    }

    private Statement parseDelete(With with) {
        int pos = with != null ? with.pos() : peek().pos();
        expect("DELETE");
        expect("FROM");
        QualifiedName table = parseQualifiedName();
        Identifier alias = null;
        if (accept("AS")) alias = parseIdentifier();
        else if (canBeBareAlias(peek())) alias = parseIdentifier();
        TableRef using = accept("USING") ? parseFromList() : null;
        Expr where = accept("WHERE") ? parseExpr() : null;
        return new Delete(with, table, alias, using, where, parseReturning(), pos);
    }

    private Statement parseTruncate() {
        int pos = expect("TRUNCATE").pos();
        accept("TABLE");
        return new Truncate(parseQualifiedName(), pos);
    }

    private Statement parseCopy() {
        int pos = expect("COPY").pos();
        QualifiedName table = null;
        List<Identifier> columns = List.of();
        QueryNode query = null;
        boolean from;
        if (atOp("(")) {
            next();
            query = parseQuery();
            expectOp(")");
            expect("TO");
            from = false;
        } else {
            table = parseQualifiedName();
            if (atOp("(")) columns = parseParenthesizedIdentifiers();
            if (accept("FROM")) from = true;
            else {
                expect("TO");
                from = false;
            }
        }
        Expr file;
        Token t = peek();
        if (t.kind() == TokenKind.IDENTIFIER && (t.upper().equals("STDIN") || t.upper().equals("STDOUT"))) {
            next();
            file = new StringLiteral(t.upper(), t.pos());
        } else {
            file = parsePrimary();
        }
        List<Option> options;
        List<OrderItem> orderBy = new ArrayList<>();
        accept("WITH");
        if (atOp("(")) {
            options = parseOptionList(orderBy);
        } else {
            // without parentheses: PostgreSQL's legacy form (COPY t FROM 'f' DELIMITER ',' CSV HEADER) and
            // DuckDB 2's comma-separated one (COPY q TO 'dir' PARTITION BY a, HEADER)
            List<Option> bare = new ArrayList<>();
            boolean commas = false;
            while (peek().kind() == TokenKind.IDENTIFIER && (!isReserved(peek()) || at("NULL") || at("PARTITION") || at("ORDER"))) {
                if (commas && !copyOptionWord(peek()) && !at("PARTITION") && !at("PARTITIONED") && !at("ORDER")) throw errorAt(peek());
                Option o = parseCopyOption(true, orderBy);
                if (o != null) bare.add(o);
                if (acceptOp(",")) commas = true;
            }
            options = bare;
        }
        if (!orderBy.isEmpty()) {
            if (from) throw new ParserException("ORDER BY is only supported for COPY ... TO", pos);
            // the ORDER BY option sorts the rows written: COPY (SELECT * FROM (query) ORDER BY ...) TO ...
            if (query == null) {
                List<SelectItem> items = new ArrayList<>();
                if (columns.isEmpty()) items.add(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), pos), null, pos));
                for (Identifier id : columns) items.add(new SelectItem(new ColumnRef(List.of(id), id.pos()), null, id.pos()));
                query = new SelectNode(null, false, List.of(), items, new BaseTableRef(table, null, pos), null, null, null,
                        List.of(), null, orderBy, null, pos);
                table = null;
                columns = List.of();
            } else {
                query = new SelectNode(null, false, List.of(), List.of(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), pos), null, pos)),
                        new SubqueryRef(query, false, null, pos), null, null, null, List.of(), null, orderBy, null, pos);
            }
        }
        return new Copy(table, columns, query, from, file, options, pos);
    }

    /** A word that can start a COPY option in DuckDB's comma-separated form (a known option name). */
    private static boolean copyOptionWord(Token t) {
        return t.kind() == TokenKind.IDENTIFIER && CopyOptionWords.KNOWN.contains(t.text().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * One COPY option; DuckDB's spaced names become their underscored ones (PARTITION BY, PARTITIONED BY →
     * partition_by). The ORDER BY option goes into {@code orderBy} (null is returned): its items keep
     * their ASC/DESC, which no other option takes.
     */
    private Option parseCopyOption(boolean legacy, List<OrderItem> orderBy) {
        int pos = peek().pos();
        boolean partition = (at("PARTITION") || at("PARTITIONED")) && peek(1).kind() == TokenKind.IDENTIFIER && peek(1).upper().equals("BY");
        boolean order = (at("ORDER") && peek(1).kind() == TokenKind.IDENTIFIER && peek(1).upper().equals("BY"))
                || (peek().kind() == TokenKind.IDENTIFIER && peek().upper().equals("ORDER_BY"));
        if (order) {
            if (!accept("ORDER_BY")) {
                next();
                next();
            }
            acceptOp("=");
            if (acceptOp("(")) {
                orderBy.addAll(parseOrderItems());
                expectOp(")");
            } else {
                orderBy.addAll(parseOrderItems());
            }
            return null;
        }
        if (!partition && !(peek().kind() == TokenKind.IDENTIFIER && peek().upper().equals("PARTITIONED_BY"))) return parseOption(legacy);
        Token first = next();
        if (partition) next();
        acceptOp("=");
        List<Expr> values = new ArrayList<>();
        if (acceptOp("(")) {
            do {
                values.add(bareWordAsString(parseExpr()));
                if (at("ASC") || at("DESC") || at("NULLS")) {
                    throw new ParserException("ORDER BY modifiers are only supported in the ORDER BY option", peek().pos());
                }
            } while (acceptOp(","));
            expectOp(")");
        } else {
            values.add(bareWordAsString(parseExpr()));
        }
        return new Option(new Identifier("partition_by", false, first.pos()), values, pos);
    }

    /** EXPORT DATABASE [catalog TO] 'dir' [WITH] [(options)] (DuckDB's form). */
    private Statement parseExportDatabase() {
        int pos = expect("EXPORT").pos();
        expect("DATABASE");
        if (peek().kind() != TokenKind.STRING) {
            parseAnyIdentifier(); // the database to export: this one (ATTACHed catalogs are exported through USE)
            expect("TO");
        }
        Expr path = parsePrimary();
        accept("WITH");
        List<Option> options = atOp("(") ? parseOptionList() : List.of();
        return new ExportDatabase(path, options, pos);
    }

    /** ( name [value | (values)], ... ) */
    private List<Option> parseOptionList() {
        expectOp("(");
        List<Option> options = new ArrayList<>();
        if (!atOp(")")) {
            do {
                options.add(parseOption(false));
            } while (acceptOp(","));
        }
        expectOp(")");
        return options;
    }

    /** COPY's ( option, ... ): as {@link #parseOptionList()}, with the spaced names and the ORDER BY option. */
    private List<Option> parseOptionList(List<OrderItem> orderBy) {
        expectOp("(");
        List<Option> options = new ArrayList<>();
        if (!atOp(")")) {
            do {
                Option o = parseCopyOption(false, orderBy);
                if (o != null) options.add(o);
            } while (acceptOp(","));
        }
        expectOp(")");
        return options;
    }

    private Option parseOption(boolean legacy) {
        int pos = peek().pos();
        Identifier name = parseAnyIdentifier();
        acceptOp("=");
        List<Expr> values = new ArrayList<>();
        if (atOp("(")) {
            next();
            if (!atOp(")")) {
                do {
                    values.add(bareWordAsString(parseExpr()));
                } while (acceptOp(","));
            }
            expectOp(")");
        } else if (!atOp(",") && !atOp(")") && !atOp(";") && !atEnd()
                && !(legacy && peek().kind() == TokenKind.IDENTIFIER && LEGACY_COPY_OPTIONS.contains(peek().upper()))) {
            values.add(bareWordAsString(parseExpr()));
        }
        return new Option(name, values, pos);
    }


    /** Option and setting values written as bare words (FORMAT csv) mean the word itself. */
    private static Expr bareWordAsString(Expr e) {
        if (e instanceof ColumnRef c && c.parts().size() == 1) return new StringLiteral(c.parts().get(0).text(), c.pos());
        return e;
    }

    // ---- transactions, settings, utilities

    private Statement parseBegin() {
        int pos = peek().pos();
        if (accept("START")) expect("TRANSACTION");
        else {
            expect("BEGIN");
            if (!accept("TRANSACTION")) accept("WORK");
        }
        // READ ONLY / READ WRITE / ISOLATION LEVEL ..: the isolation level is accepted and ignored
        boolean readOnly = false;
        while (at("READ") || at("ISOLATION")) {
            if (accept("READ")) {
                if (accept("ONLY")) readOnly = true;
                else {
                    expect("WRITE");
                    readOnly = false;
                }
            } else {
                next();
                expect("LEVEL");
                while (peek().kind() == TokenKind.IDENTIFIER && !atEnd()) next();
            }
        }
        return new Transaction(TransactionKind.BEGIN, readOnly, pos);
    }

    private Statement parseExplain() {
        int pos = expect("EXPLAIN").pos();
        boolean analyze = accept("ANALYZE") || accept("ANALYSE");
        if (atOp("(") && !isQueryAhead()) parseOptionList(); // EXPLAIN (FORMAT json) ..: ignored
        return new Explain(parseOneStatement(), analyze, pos);
    }

    private SettingScope parseScope() {
        if (accept("SESSION")) return SettingScope.SESSION;
        if (accept("GLOBAL")) return SettingScope.GLOBAL;
        if (accept("LOCAL")) return SettingScope.LOCAL;
        if (at("VARIABLE") && peek(1).isIdentifierLike()) {
            next();
            return SettingScope.VARIABLE;
        }
        return SettingScope.DEFAULT;
    }

    private Statement parseSet() {
        int pos = expect("SET").pos();
        SettingScope scope = parseScope();
        QualifiedName name = parseSettingName();
        if (!acceptOp("=")) expect("TO");
        Expr value;
        Token t = peek();
        if (scope != SettingScope.VARIABLE && t.value().equalsIgnoreCase("DEFAULT") && t.kind() != TokenKind.STRING
                && (peek(1).isOperator(";") || peek(1).kind() == TokenKind.END_OF_INPUT)) {
            next(); // SET x TO DEFAULT is RESET x (PostgreSQL)
            return new ResetVariable(scope, name, pos);
        }
        if (scope != SettingScope.VARIABLE && t.kind() == TokenKind.IDENTIFIER
                && (peek(1).isOperator(";") || peek(1).kind() == TokenKind.END_OF_INPUT || peek(1).isOperator(","))) {
            // any single word, even a reserved one (SET default_order = desc), is the value's text
            next();
            value = new StringLiteral(t.value(), t.pos());
        } else {
            value = scope == SettingScope.VARIABLE ? parseExpr() : bareWordAsString(parseExpr());
        }
        if (scope != SettingScope.VARIABLE && atOp(",")) {
            // SET search_path = a, b : a list of words becomes one comma-separated string
            StringBuilder joined = new StringBuilder(stringOf(value));
            while (acceptOp(",")) joined.append(',').append(stringOf(bareWordAsString(parseExpr())));
            value = new StringLiteral(joined.toString(), value.pos());
        }
        return new SetVariable(scope, name, value, pos);
    }

    private String stringOf(Expr e) {
        if (e instanceof StringLiteral s) return s.value();
        throw new ParserException("syntax error at or near \",\"", e.pos());
    }

    private QualifiedName parseSettingName() {
        int pos = peek().pos();
        List<Identifier> parts = new ArrayList<>();
        parts.add(parseAnyIdentifier());
        while (acceptOp(".")) parts.add(parseAnyIdentifier());
        return new QualifiedName(parts, pos);
    }

    private Statement parseReset() {
        int pos = expect("RESET").pos();
        SettingScope scope = parseScope();
        return new ResetVariable(scope, parseSettingName(), pos);
    }

    private Statement parsePragma() {
        int pos = expect("PRAGMA").pos();
        Identifier name = parseAnyIdentifier();
        List<Expr> args = new ArrayList<>();
        boolean assignment = false;
        if (acceptOp("=")) {
            assignment = true;
            args.add(bareWordAsString(parseExpr()));
        } else if (acceptOp("(")) {
            if (!atOp(")")) {
                do {
                    args.add(bareWordAsString(parseExpr()));
                } while (acceptOp(","));
            }
            expectOp(")");
        }
        return new Pragma(name, args, assignment, pos);
    }

    private Statement parsePrepare() {
        int pos = expect("PREPARE").pos();
        Identifier name = parseIdentifier();
        if (atOp("(")) {
            // PREPARE name(type, ..) AS: parameter types are accepted and ignored
            next();
            do {
                parseTypeName();
            } while (acceptOp(","));
            expectOp(")");
        }
        expect("AS");
        return new Prepare(name, parseOneStatement(), pos);
    }

    private Statement parseExecute() {
        int pos = expect("EXECUTE").pos();
        Identifier name = parseIdentifier();
        List<Expr> args = List.of();
        if (acceptOp("(")) {
            args = atOp(")") ? List.of() : parseFunctionArgs();
            expectOp(")");
        }
        return new Execute(name, args, pos);
    }

    private Statement parseDeallocate() {
        int pos = expect("DEALLOCATE").pos();
        accept("PREPARE");
        if (accept("ALL")) return new Deallocate(null, pos);
        return new Deallocate(parseIdentifier(), pos);
    }

    private Statement parseShow() {
        int pos = expect("SHOW").pos();
        if (accept("TABLES")) {
            QualifiedName schema = accept("FROM") || accept("IN") ? parseQualifiedName() : null;
            return new Show(ShowKind.TABLES, schema, pos);
        }
        if (at("ALL", "TABLES")) {
            next();
            next();
            return new Show(ShowKind.ALL_TABLES, null, pos);
        }
        if (accept("DATABASES")) return new Show(ShowKind.DATABASES, null, pos);
        if (isQueryAhead()) return new Describe(DescribeKind.DESCRIBE, null, parseQuery(), pos);
        return new Describe(DescribeKind.DESCRIBE, parseQualifiedName(), null, pos);
    }

    private Statement parseDescribe(DescribeKind kind) {
        int pos = next().pos();
        if (atEnd() || atOp(";")) return new Show(ShowKind.TABLES, null, pos);
        if (isQueryAhead()) return new Describe(kind, null, parseQuery(), pos);
        if (peek().kind() == TokenKind.STRING) { // DESCRIBE 'file.parquet': the file's columns
            Token file = next();
            return new Describe(kind, null, simpleSelectStar(new FileRef(file.value(), null, file.pos()), pos), pos);
        }
        return new Describe(kind, parseQualifiedName(), null, pos);
    }

    private Statement parseCheckpoint() {
        int pos = peek().pos();
        boolean force = accept("FORCE");
        expect("CHECKPOINT");
        Identifier database = peek().isIdentifierLike() ? parseIdentifier() : null;
        return new Checkpoint(force, database, pos);
    }

    private Statement parseVacuum() {
        int pos = peek().pos();
        boolean analyze;
        if (accept("VACUUM")) analyze = accept("ANALYZE");
        else {
            next();
            analyze = true;
        }
        QualifiedName table = peek().isIdentifierLike() ? parseQualifiedName() : null;
        if (table != null && atOp("(")) parseParenthesizedIdentifiers();
        return new Vacuum(analyze, table, pos);
    }

    private Statement parseCall() {
        int pos = expect("CALL").pos();
        QualifiedName name = parseQualifiedName();
        if (!atOp("(")) throw error();
        return new Call(parseFunctionCallRest(name, null, name.pos()), pos);
    }

    private Statement parseAttach() {
        int pos = expect("ATTACH").pos();
        accept("DATABASE");
        boolean ifNotExists = parseIfNotExists();
        Expr path = parsePrimary();
        Identifier alias = accept("AS") ? parseIdentifier() : null;
        List<Option> options = atOp("(") ? parseOptionList() : List.of();
        return new Attach(path, alias, ifNotExists, options, pos);
    }

    private Statement parseDetach() {
        int pos = expect("DETACH").pos();
        accept("DATABASE");
        boolean ifExists = parseIfExists();
        return new Detach(parseIdentifier(), ifExists, pos);
    }

    private Statement parseLoad() {
        Token first = next();
        boolean install = !first.isKeyword("LOAD");
        Token ext = next();
        if (!ext.isIdentifierLike() && ext.kind() != TokenKind.STRING) throw errorAt(ext);
        if (install && accept("FROM")) next();
        return new Load(ext.value(), install, first.pos());
    }

    // ------------------------------------------------------------------ queries

    /** True if the tokens from here (after any number of '(') start a query. */
    private boolean isQueryAhead() {
        int i = 0;
        while (peek(i).isOperator("(")) i++;
        Token t = peek(i);
        return t.isKeyword("SELECT") || t.isKeyword("WITH") || t.isKeyword("VALUES") || t.isKeyword("FROM")
                || (t.isKeyword("TABLE") && peek(i + 1).isIdentifierLike())
                || (isPivotKeyword(t) && (peek(i + 1).isIdentifierLike() || peek(i + 1).isOperator("(")))
                || (isShowKeyword(t) && (peek(i + 1).isIdentifierLike() || peek(i + 1).isOperator("(")
                        || !t.isKeyword("SHOW") && peek(i + 1).kind() == TokenKind.STRING));
    }

    private static boolean isShowKeyword(Token t) {
        return t.isKeyword("DESCRIBE") || t.isKeyword("SHOW") || t.isKeyword("SUMMARIZE");
    }

    private static boolean isPivotKeyword(Token t) {
        return t.isKeyword("PIVOT") || t.isKeyword("PIVOT_WIDER") || t.isKeyword("UNPIVOT") || t.isKeyword("PIVOT_LONGER");
    }

    private With parseWith() {
        int pos = expect("WITH").pos();
        boolean recursive = accept("RECURSIVE");
        List<CommonTableExpr> ctes = new ArrayList<>();
        do {
            int ctePos = peek().pos();
            Identifier name = parseIdentifier();
            List<Identifier> columns = atOp("(") ? parseParenthesizedIdentifiers() : List.of();
            if (accept("USING")) {
                // USING KEY (..) of recursive CTEs: accepted, keys ignored
                expect("KEY");
                parseParenthesizedIdentifiers();
            }
            expect("AS");
            Boolean materialized = null;
            if (accept("MATERIALIZED")) materialized = true;
            else if (at("NOT", "MATERIALIZED")) {
                next();
                next();
                materialized = false;
            }
            expectOp("(");
            QueryNode query = parseQuery();
            expectOp(")");
            ctes.add(new CommonTableExpr(name, columns, query, materialized, ctePos));
        } while (acceptOp(","));
        return new With(recursive, ctes, pos);
    }

    /** A full query: [WITH] set operations [ORDER BY] [LIMIT/OFFSET/FETCH]. */
    private QueryNode parseQuery() {
        With with = at("WITH") ? parseWith() : null;
        QueryNode body = parseUnionLevel();
        List<OrderItem> orderBy = List.of();
        if (accept("ORDER")) {
            expect("BY");
            orderBy = parseOrderItems();
        }
        LimitClause limit = parseLimitClause();
        return attachModifiers(body, with, orderBy, limit);
    }

    private LimitClause parseLimitClause() {
        int pos = peek().pos();
        Expr limit = null, offset = null;
        boolean percent = false, any = false;
        while (true) {
            if (accept("LIMIT")) {
                any = true;
                if (!accept("ALL")) {
                    limit = parseExpr();
                    if (acceptOp("%") || accept("PERCENT")) percent = true;
                }
                // MySQL style LIMIT offset, count
                if (acceptOp(",")) {
                    offset = limit;
                    limit = parseExpr();
                }
            } else if (accept("OFFSET")) {
                any = true;
                offset = parseExpr();
                if (!accept("ROWS")) accept("ROW");
            } else if (accept("FETCH")) {
                any = true;
                if (!accept("FIRST")) expect("NEXT");
                if (!at("ROW") && !at("ROWS")) limit = parseExpr();
                else limit = new IntegerLiteral("1", peek().pos());
                if (!accept("ROWS")) expect("ROW");
                if (!accept("ONLY")) {
                    expect("WITH");
                    expect("TIES");
                }
            } else {
                break;
            }
        }
        return any ? new LimitClause(limit, offset, percent, pos) : null;
    }

    private QueryNode attachModifiers(QueryNode node, With with, List<OrderItem> orderBy, LimitClause limit) {
        if (with == null && orderBy.isEmpty() && limit == null) return node;
        boolean conflict = (with != null && node.with() != null)
                || (!orderBy.isEmpty() && (!node.orderBy().isEmpty() || node.limit() != null))
                || (limit != null && node.limit() != null);
        if (conflict) {
            // (SELECT .. LIMIT 5) ORDER BY x: the outer modifiers apply to the inner result
            int pos = node.pos();
            SelectNode wrapper = new SelectNode(with, false, List.of(),
                    List.of(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), pos), null, pos)),
                    new SubqueryRef(node, false, null, pos), null, null, null, List.of(), null, orderBy, limit, pos);
            return wrapper;
        }
        With w = with != null ? with : node.with();
        List<OrderItem> o = orderBy.isEmpty() ? node.orderBy() : orderBy;
        LimitClause l = limit != null ? limit : node.limit();
        int pos = with != null ? with.pos() : node.pos();
        return switch (node) {
            case SelectNode s -> new SelectNode(w, s.distinct(), s.distinctOn(), s.items(), s.from(), s.where(),
                    s.groupBy(), s.having(), s.windows(), s.qualify(), o, l, pos);
            case SetOperationNode s -> new SetOperationNode(w, s.kind(), s.all(), s.byName(), s.left(), s.right(), o, l, pos);
            case ValuesNode v -> new ValuesNode(w, v.rows(), o, l, pos);
        };
    }

    private QueryNode parseUnionLevel() {
        QueryNode left = parseIntersectLevel();
        while (at("UNION") || at("EXCEPT") || at("MINUS")) {
            SetOperationKind kind = next().isKeyword("UNION") ? SetOperationKind.UNION : SetOperationKind.EXCEPT;
            boolean all = accept("ALL");
            if (!all) accept("DISTINCT");
            boolean byName = accept("BY", "NAME");
            QueryNode right = parseIntersectLevel();
            left = new SetOperationNode(null, kind, all, byName, left, right, List.of(), null, left.pos());
        }
        return left;
    }

    private QueryNode parseIntersectLevel() {
        QueryNode left = parseQueryPrimary();
        while (at("INTERSECT")) {
            next();
            boolean all = accept("ALL");
            if (!all) accept("DISTINCT");
            boolean byName = accept("BY", "NAME");
            QueryNode right = parseQueryPrimary();
            left = new SetOperationNode(null, SetOperationKind.INTERSECT, all, byName, left, right, List.of(), null, left.pos());
        }
        return left;
    }

    private QueryNode parseQueryPrimary() {
        Token t = peek();
        if (t.isOperator("(")) {
            next();
            QueryNode inner = parseQuery();
            expectOp(")");
            return inner;
        }
        if (t.isKeyword("SELECT")) return parseSelect();
        if (t.isKeyword("FROM")) return parseFromFirst();
        if (t.isKeyword("VALUES")) return parseValues();
        if (isPivotKeyword(t)) return parsePivotStatement();
        if (isShowKeyword(t)) {
            // DESCRIBE / SHOW / SUMMARIZE as a query: SELECT * FROM (DESCRIBE ..)
            Statement statement = t.isKeyword("SHOW") ? parseShow()
                    : parseDescribe(t.isKeyword("SUMMARIZE") ? DescribeKind.SUMMARIZE : DescribeKind.DESCRIBE);
            return simpleSelectStar(new ShowRef(statement, null, t.pos()), t.pos());
        }
        if (t.isKeyword("TABLE")) {
            next();
            QualifiedName name = parseQualifiedName();
            return simpleSelectStar(new BaseTableRef(name, null, name.pos()), t.pos());
        }
        throw error();
    }

    private static SelectNode simpleSelectStar(TableRef from, int pos) {
        return new SelectNode(null, false, List.of(),
                List.of(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), pos), null, pos)),
                from, null, null, null, List.of(), null, List.of(), null, pos);
    }

    private ValuesNode parseValues() {
        int pos = expect("VALUES").pos();
        List<List<Expr>> rows = new ArrayList<>();
        do {
            if (!rows.isEmpty() && !atOp("(")) break; // DuckDB allows a trailing comma
            expectOp("(");
            List<Expr> row = new ArrayList<>();
            while (!atOp(")")) {
                row.add(parseExpr());
                if (!acceptOp(",")) break;
            }
            expectOp(")");
            rows.add(row);
        } while (acceptOp(","));
        return new ValuesNode(null, rows, List.of(), null, pos);
    }

    private SelectNode parseSelect() {
        int pos = expect("SELECT").pos();
        boolean distinct = false;
        List<Expr> distinctOn = List.of();
        if (accept("DISTINCT")) {
            distinct = true;
            if (accept("ON")) {
                expectOp("(");
                distinctOn = parseExprList();
                expectOp(")");
            }
        } else {
            accept("ALL");
        }
        List<SelectItem> items = parseSelectList();
        TableRef from = accept("FROM") ? parseFromList() : null;
        return parseSelectTail(pos, distinct, distinctOn, items, from);
    }

    /** FROM-first: FROM t [SELECT ..] [WHERE ..] ... */
    private SelectNode parseFromFirst() {
        int pos = expect("FROM").pos();
        TableRef from = parseFromList();
        boolean distinct = false;
        List<Expr> distinctOn = List.of();
        List<SelectItem> items;
        if (accept("SELECT")) {
            if (accept("DISTINCT")) {
                distinct = true;
                if (accept("ON")) {
                    expectOp("(");
                    distinctOn = parseExprList();
                    expectOp(")");
                }
            } else {
                accept("ALL");
            }
            items = parseSelectList();
        } else {
            items = List.of(new SelectItem(new Star(List.of(), List.of(), List.of(), List.of(), pos), null, pos));
        }
        return parseSelectTail(pos, distinct, distinctOn, items, from);
    }

    private SelectNode parseSelectTail(int pos, boolean distinct, List<Expr> distinctOn, List<SelectItem> items, TableRef from) {
        // DuckDB writes USING SAMPLE after QUALIFY; directly after FROM reads as naturally, and means the same
        if (at("USING") && peek(1).isKeyword("SAMPLE")) from = parseUsingSample(from);
        Expr where = accept("WHERE") ? parseExpr() : null;
        Expr latest = atQuestDbClause() && at("LATEST") ? parseLatestOn() : null;
        GroupBy groupBy = at("GROUP") ? parseGroupBy() : atQuestDbClause() && at("SAMPLE") ? parseSampleBy() : null;
        Expr having = accept("HAVING") ? parseExpr() : null;
        List<NamedWindow> windows = List.of();
        Expr qualify = null;
        // like DuckDB: WINDOW, then QUALIFY (a WINDOW after QUALIFY is a syntax error)
        if (at("WINDOW")) windows = parseWindowClause();
        if (accept("QUALIFY")) qualify = parseExpr();
        if (at("USING") && peek(1).isKeyword("SAMPLE")) from = parseUsingSample(from);
        if (latest != null) qualify = qualify == null ? latest : new BinaryOp(BinaryOperator.AND, latest, qualify, latest.pos());
        return new SelectNode(null, distinct, distinctOn, items, from, where, groupBy, having, windows, qualify,
                List.of(), null, pos);
    }

    /**
     * {@code USING SAMPLE entry}: samples the whole FROM clause (after its joins, before WHERE); without
     * a FROM clause, the single row a SELECT without FROM computes (DuckDB accepts it: {@code SELECT 1
     * USING SAMPLE 5} is one row), a SampledRef without source.
     */
    private TableRef parseUsingSample(TableRef from) {
        int pos = expect("USING").pos();
        expect("SAMPLE");
        if (from instanceof SampledRef) throw new ParserException("USING SAMPLE may be given once per SELECT", pos);
        return new SampledRef(from, parseSampleEntry(pos), pos);
    }

    /**
     * DuckDB's sample entry after USING SAMPLE or TABLESAMPLE: {@code count}, {@code (count)},
     * {@code count (method[, seed])} or {@code method(count)}, then {@code [REPEATABLE (seed)]}; a count
     * is a number with {@code %}, {@code PERCENT}, {@code ROWS} or nothing (rows).
     */
    private SampleSpec parseSampleEntry(int pos) {
        SampleMethod method = null;
        Long seed = null;
        SampleCount count;
        if (peek().kind() == TokenKind.IDENTIFIER && peek(1).isOperator("(")) {
            method = parseSampleMethod();
            expectOp("(");
            count = parseSampleCount();
            expectOp(")");
        } else {
            boolean parenthesized = acceptOp("(");
            count = parseSampleCount();
            if (parenthesized) expectOp(")");
            if (acceptOp("(")) {
                method = parseSampleMethod();
                if (acceptOp(",")) seed = parseSampleSeed();
                expectOp(")");
            }
        }
        if (accept("REPEATABLE")) {
            expectOp("(");
            seed = parseSampleSeed();
            expectOp(")");
        }
        boolean percentage = count.percentage();
        double size = count.size();
        if (percentage && (size < 0 || size > 100)) {
            throw new ParserException(String.format(Locale.ROOT, "Sample sample_size %f out of range, must be between 0 and 100", size), pos);
        }
        if (!percentage) {
            if (method == SampleMethod.BERNOULLI) {
                throw new ParserException("Sample method Bernoulli cannot be used with a discrete sample count, either "
                        + "switch to reservoir sampling or use a sample_size", pos);
            }
            if (size >= 0x1p63) {
                throw new ParserException("Sample size " + size + " is out of range for a row count (BIGINT)", pos);
            }
            method = SampleMethod.RESERVOIR; // SYSTEM cannot draw an exact count: DuckDB draws it from a reservoir too
        }
        return new SampleSpec(size, percentage, method, seed, pos);
    }

    /** A sample's size as written: a number of rows, or a percentage ({@code %} / {@code PERCENT}). */
    private record SampleCount(double size, boolean percentage) {
    }

    private SampleCount parseSampleCount() {
        Token t = peek();
        if (t.kind() != TokenKind.INTEGER && t.kind() != TokenKind.DECIMAL) throw error();
        next();
        double size = Double.parseDouble(t.value());
        boolean percentage = acceptOp("%") || accept("PERCENT");
        if (!percentage) accept("ROWS");
        return new SampleCount(size, percentage);
    }

    private SampleMethod parseSampleMethod() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENTIFIER && t.kind() != TokenKind.QUOTED_IDENTIFIER) throw error();
        next();
        return switch (t.value().toLowerCase(Locale.ROOT)) {
            case "system" -> SampleMethod.SYSTEM;
            case "bernoulli" -> SampleMethod.BERNOULLI;
            case "reservoir" -> SampleMethod.RESERVOIR;
            default -> throw new ParserException("Unrecognized sampling method \"" + t.value()
                    + "\": expected system, bernoulli or reservoir", t.pos());
        };
    }

    private long parseSampleSeed() {
        Token t = peek();
        if (t.kind() != TokenKind.INTEGER) throw error();
        next();
        try {
            return Long.parseLong(t.value());
        } catch (NumberFormatException e) {
            throw new ParserException("REPEATABLE seed " + t.value() + " is out of range for BIGINT", t.pos());
        }
    }

    /** At QuestDB's {@code SAMPLE BY} or {@code LATEST ON} (words that are otherwise plain identifiers). */
    private boolean atQuestDbClause() {
        return (at("SAMPLE") && peek(1).isKeyword("BY")) || (at("LATEST") && peek(1).isKeyword("ON"));
    }

    /**
     * QuestDB's {@code LATEST ON ts PARTITION BY k, ...}: the last row by {@code ts} of each partition,
     * as the QUALIFY condition {@code row_number() OVER (PARTITION BY k ORDER BY ts DESC) = 1}.
     */
    private Expr parseLatestOn() {
        int pos = expect("LATEST").pos();
        expect("ON");
        Expr ts = parseExpr();
        expect("PARTITION");
        expect("BY");
        List<Expr> keys = parseExprList();
        WindowSpec w = new WindowSpec(null, keys, List.of(new OrderItem(ts, false, false, pos)), null, pos);
        FunctionCall rowNumber = new FunctionCall(new QualifiedName(List.of(new Identifier("row_number", false, pos)), pos),
                List.of(), false, false, List.of(), null, false, w, pos);
        return new BinaryOp(BinaryOperator.EQUAL, rowNumber, new IntegerLiteral("1", pos), pos);
    }

    /**
     * QuestDB's {@code SAMPLE BY 1h [FILL(NONE|NULL|PREV|LINEAR|const, ...)] [ALIGN TO CALENDAR [TIME
     * ZONE 'UTC'] [WITH OFFSET '00:30'] | ALIGN TO FIRST OBSERVATION]}. The interval is QuestDB's
     * {@code <n><unit>} (U micros, T millis, s, m, h, d, w, M months, y) or any interval expression.
     */
    private GroupBy parseSampleBy() {
        int pos = expect("SAMPLE").pos();
        expect("BY");
        Expr interval;
        Token n = peek();
        if (n.kind() == TokenKind.INTEGER && peek(1).kind() == TokenKind.IDENTIFIER && questDbUnit(peek(1).text()) != null) {
            next();
            String unit = questDbUnit(next().text());
            interval = new IntervalLiteral(new IntegerLiteral(n.text(), n.pos()), unit, null, n.pos());
        } else if (n.kind() == TokenKind.IDENTIFIER && n.text().matches("[0-9]+[a-zA-Z]") && questDbUnit(n.text().substring(n.text().length() - 1)) != null) {
            next();
            String t = n.text();
            interval = new IntervalLiteral(new IntegerLiteral(t.substring(0, t.length() - 1), n.pos()),
                    questDbUnit(t.substring(t.length() - 1)), null, n.pos());
        } else {
            interval = parseExpr();
        }
        List<SampleBy.Fill> fills = new ArrayList<>();
        if (at("FILL") && peek(1).isOperator("(")) {
            next();
            next();
            do {
                if (accept("NONE")) fills.add(new SampleBy.Fill(SampleBy.Fill.Kind.NONE, null));
                else if (accept("NULL")) fills.add(new SampleBy.Fill(SampleBy.Fill.Kind.NULL, null));
                else if (accept("PREV")) fills.add(new SampleBy.Fill(SampleBy.Fill.Kind.PREV, null));
                else if (accept("LINEAR")) fills.add(new SampleBy.Fill(SampleBy.Fill.Kind.LINEAR, null));
                else fills.add(new SampleBy.Fill(SampleBy.Fill.Kind.VALUE, parseExpr()));
            } while (acceptOp(","));
            expectOp(")");
        }
        boolean first = false;
        String offset = null;
        if (accept("ALIGN")) {
            expect("TO");
            if (accept("FIRST")) {
                expect("OBSERVATION");
                first = true;
            } else {
                expect("CALENDAR");
                if (accept("TIME")) {
                    expect("ZONE");
                    Token tz = next();
                    if (tz.kind() != TokenKind.STRING || !(tz.value().equalsIgnoreCase("UTC") || tz.value().equalsIgnoreCase("Z"))) {
                        throw new ParserException("SAMPLE BY ... ALIGN TO CALENDAR TIME ZONE supports only 'UTC'", tz.pos());
                    }
                }
                if (accept("WITH")) {
                    expect("OFFSET");
                    Token o = next();
                    if (o.kind() != TokenKind.STRING || !o.value().matches("[+-]?\\d{1,2}:\\d{2}")) {
                        throw new ParserException("SAMPLE BY ... WITH OFFSET needs a string '[-]hh:mm'", o.pos());
                    }
                    offset = o.value();
                }
            }
        }
        SampleBy sample = new SampleBy(interval, List.copyOf(fills), first, offset, pos);
        return new GroupBy(false, List.of(sample), pos);
    }

    /** QuestDB's SAMPLE BY unit letters as interval units (case matters: m minutes, M months). */
    private static String questDbUnit(String u) {
        return switch (u) {
            case "U" -> "microsecond";
            case "T" -> "millisecond";
            case "s" -> "second";
            case "m" -> "minute";
            case "h" -> "hour";
            case "d" -> "day";
            case "w" -> "week";
            case "M" -> "month";
            case "y" -> "year";
            default -> null;
        };
    }

    private List<SelectItem> parseSelectList() {
        List<SelectItem> items = new ArrayList<>();
        do {
            // DuckDB allows a trailing comma before FROM and the like
            if (!items.isEmpty() && atSelectListEnd()) break;
            items.add(parseSelectItem());
        } while (acceptOp(","));
        return items;
    }

    private boolean atSelectListEnd() {
        Token t = peek();
        return t.kind() == TokenKind.END_OF_INPUT || t.isOperator(")") || t.isOperator(";")
                || (t.kind() == TokenKind.IDENTIFIER && RESERVED.contains(t.upper())
                    && !t.upper().equals("CASE") && !t.upper().equals("CAST") && !t.upper().equals("NOT")
                    && !t.upper().equals("NULL") && !t.upper().equals("TRUE") && !t.upper().equals("FALSE")
                    && !t.upper().equals("DEFAULT"));
    }

    private SelectItem parseSelectItem() {
        int pos = peek().pos();
        // DuckDB prefix alias: "name: expr"
        if (peek().isIdentifierLike() && peek(1).isOperator(":") && !isReserved(peek())) {
            Identifier alias = parseIdentifier();
            next();
            return new SelectItem(parseExpr(), alias, pos);
        }
        Expr expr = parseExpr();
        Identifier alias = parseOptionalAlias();
        return new SelectItem(expr, alias, pos);
    }

    private Identifier parseOptionalAlias() {
        if (accept("AS")) {
            Token t = peek();
            if (t.kind() == TokenKind.STRING) {
                next();
                return new Identifier(t.value(), true, t.pos());
            }
            return parseAnyIdentifier();
        }
        // a string is an alias only after AS (DuckDB: `SELECT i 'x'` is no alias)
        if (canBeBareAlias(peek())) return parseAnyIdentifier();
        return null;
    }

    private GroupBy parseGroupBy() {
        int pos = expect("GROUP").pos();
        expect("BY");
        if (accept("ALL")) return new GroupBy(true, List.of(), pos);
        List<GroupingElement> elements = new ArrayList<>();
        do {
            int elementPos = peek().pos();
            if (at("GROUPING", "SETS")) {
                next();
                next();
                elements.add(new GroupingSet(GroupingKind.SETS, parseGroupingSetsTuples(), elementPos));
            } else if ((at("ROLLUP") || at("CUBE")) && peek(1).isOperator("(")) {
                GroupingKind kind = next().isKeyword("ROLLUP") ? GroupingKind.ROLLUP : GroupingKind.CUBE;
                elements.add(new GroupingSet(kind, parseGroupingTuples(), elementPos));
            } else if (atOp("(") && peek(1).isOperator(")")) {
                next();
                next();
                elements.add(new GroupingSet(GroupingKind.SETS, List.of(List.of()), elementPos));
            } else {
                elements.add(new GroupingExpr(parseExpr(), elementPos));
            }
        } while (acceptOp(","));
        return new GroupBy(false, elements, pos);
    }

    /**
     * The list of GROUPING SETS: like {@link #parseGroupingTuples} but an entry may itself be
     * GROUPING SETS (..), CUBE (..) or ROLLUP (..), which contributes all the sets it stands for.
     */
    private List<List<Expr>> parseGroupingSetsTuples() {
        expectOp("(");
        List<List<Expr>> tuples = new ArrayList<>();
        do {
            if (at("GROUPING", "SETS")) {
                next();
                next();
                tuples.addAll(parseGroupingSetsTuples());
            } else if ((at("ROLLUP") || at("CUBE")) && peek(1).isOperator("(")) {
                boolean rollup = next().isKeyword("ROLLUP");
                List<List<Expr>> groups = parseGroupingTuples();
                tuples.addAll(rollup ? rollupSets(groups) : cubeSets(groups));
            } else if (atOp("(")) {
                next();
                tuples.add(atOp(")") ? List.of() : parseExprList());
                expectOp(")");
            } else {
                tuples.add(List.of(parseExpr()));
            }
        } while (acceptOp(","));
        expectOp(")");
        return tuples;
    }

    /** ROLLUP (g1, .., gn): (g1..gn), (g1..gn-1), .., (). */
    private static List<List<Expr>> rollupSets(List<List<Expr>> groups) {
        List<List<Expr>> out = new ArrayList<>();
        for (int n = groups.size(); n >= 0; n--) {
            List<Expr> set = new ArrayList<>();
            for (int i = 0; i < n; i++) set.addAll(groups.get(i));
            out.add(set);
        }
        return out;
    }

    /** CUBE (g1, .., gn): every subset of the groups. */
    private static List<List<Expr>> cubeSets(List<List<Expr>> groups) {
        List<List<Expr>> out = new ArrayList<>();
        int n = groups.size();
        if (n > 12) throw new ParserException("CUBE can have at most 12 elements", groups.get(0).isEmpty() ? 0 : groups.get(0).get(0).pos());
        for (int mask = (1 << n) - 1; mask >= 0; mask--) {
            List<Expr> set = new ArrayList<>();
            for (int i = 0; i < n; i++) if ((mask & (1 << (n - 1 - i))) != 0) set.addAll(groups.get(i));
            out.add(set);
        }
        return out;
    }

    /** ( tuple, tuple, .. ) where a tuple is an expression or a parenthesized expression list. */
    private List<List<Expr>> parseGroupingTuples() {
        expectOp("(");
        List<List<Expr>> tuples = new ArrayList<>();
        do {
            if (atOp("(")) {
                next();
                tuples.add(atOp(")") ? List.of() : parseExprList());
                expectOp(")");
            } else {
                tuples.add(List.of(parseExpr()));
            }
        } while (acceptOp(","));
        expectOp(")");
        return tuples;
    }

    private List<NamedWindow> parseWindowClause() {
        expect("WINDOW");
        List<NamedWindow> windows = new ArrayList<>();
        do {
            int pos = peek().pos();
            Identifier name = parseIdentifier();
            expect("AS");
            windows.add(new NamedWindow(name, parseWindowSpec(), pos));
        } while (acceptOp(","));
        return windows;
    }

    private List<OrderItem> parseOrderItems() {
        List<OrderItem> items = new ArrayList<>();
        do {
            int pos = peek().pos();
            Expr expr;
            if (at("ALL") && !peek(1).isOperator("(")) {
                next();
                expr = new Star(List.of(), List.of(), List.of(), List.of(), pos);
            } else {
                expr = parseExpr();
            }
            boolean ascending = true;
            if (accept("DESC")) ascending = false;
            else accept("ASC");
            Boolean nullsFirst = null;
            if (accept("NULLS")) {
                if (accept("FIRST")) nullsFirst = true;
                else {
                    expect("LAST");
                    nullsFirst = false;
                }
            }
            items.add(new OrderItem(expr, ascending, nullsFirst, pos));
        } while (acceptOp(","));
        return items;
    }

    // ------------------------------------------------------------------ FROM

    private TableRef parseFromList() {
        TableRef left = parseJoinedTable();
        while (acceptOp(",")) {
            if (atFromListEnd()) break; // trailing comma
            TableRef right = parseJoinedTable();
            left = new JoinRef(JoinKind.CROSS, false, false, left, right, null, List.of(), isLateral(right), left.pos());
        }
        return left;
    }

    private boolean atFromListEnd() {
        Token t = peek();
        if (t.kind() == TokenKind.END_OF_INPUT || t.isOperator(")") || t.isOperator(";")) return true;
        return t.kind() == TokenKind.IDENTIFIER && switch (t.upper()) {
            case "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "QUALIFY", "WINDOW", "UNION", "EXCEPT",
                 "INTERSECT", "SELECT", "RETURNING", "FETCH" -> true;
            default -> false;
        };
    }

    private static boolean isLateral(TableRef ref) {
        return (ref instanceof SubqueryRef s && s.lateral()) || (ref instanceof TableFunctionRef f && f.lateral());
    }

    private TableRef parseJoinedTable() {
        TableRef left = parsePivotSuffixes(parseTablePrimary());
        while (true) {
            int save = index;
            boolean natural = accept("NATURAL");
            boolean asof = accept("ASOF");
            JoinKind kind = null;
            if (accept("CROSS")) kind = JoinKind.CROSS;
            else if (accept("INNER")) kind = JoinKind.INNER;
            else if (accept("LEFT")) {
                kind = JoinKind.LEFT;
                if (accept("SEMI")) kind = JoinKind.SEMI;
                else if (accept("ANTI")) kind = JoinKind.ANTI;
                else accept("OUTER");
            } else if (accept("RIGHT")) {
                kind = JoinKind.RIGHT;
                accept("OUTER");
            } else if (accept("FULL")) {
                kind = JoinKind.FULL;
                accept("OUTER");
            } else if (accept("SEMI")) kind = JoinKind.SEMI;
            else if (accept("ANTI")) kind = JoinKind.ANTI;
            else if (accept("POSITIONAL")) kind = JoinKind.POSITIONAL;
            if (!at("JOIN")) {
                if (kind == null && !natural && !asof) {
                    index = save;
                    return left;
                }
                throw error();
            }
            next();
            if (kind == null) kind = JoinKind.INNER;
            TableRef right = parsePivotSuffixes(parseTablePrimary());
            Expr on = null;
            List<Identifier> using = List.of();
            if (kind != JoinKind.CROSS && kind != JoinKind.POSITIONAL && !natural) {
                if (accept("ON")) on = parseExpr();
                else if (accept("USING")) using = parseParenthesizedIdentifiers();
                else throw error();
            }
            left = new JoinRef(kind, natural, asof, left, right, on, using, isLateral(right), left.pos());
        }
    }

    // ---- PIVOT / UNPIVOT

    /**
     * DuckDB's PIVOT / UNPIVOT statements: {@code PIVOT src [ON pivots] [USING aggregates]
     * [GROUP BY names]} and {@code UNPIVOT src ON entries [INTO NAME n VALUE v, ..]}, as a
     * {@code SELECT * FROM <pivot>} (ORDER BY / LIMIT are added by the caller like for any query).
     */
    private QueryNode parsePivotStatement() {
        Token t = next();
        int pos = t.pos();
        boolean unpivot = t.isKeyword("UNPIVOT") || t.isKeyword("PIVOT_LONGER");
        TableRef source = parseTablePrimary();
        if (unpivot) {
            expect("ON");
            List<PivotEntry> entries = parsePivotEntries(false);
            Identifier name = new Identifier("name", false, pos);
            List<Identifier> values = List.of(new Identifier("value", false, pos));
            if (accept("INTO")) {
                expect("NAME");
                name = parseIdentifier();
                if (!accept("VALUE")) expect("VALUES");
                values = parseIdentifierList();
            }
            return simpleSelectStar(new UnpivotRef(source, values, name, entries, false, null, pos), pos);
        }
        List<PivotColumn> pivots = List.of();
        if (accept("ON")) {
            pivots = new ArrayList<>();
            do {
                int cpos = peek().pos();
                Expr e = parseOtherOperators();
                PivotColumn column = parsePivotIn(List.of(e), cpos);
                if (column.fromData()) dataPivot = e;
                pivots.add(column);
            } while (acceptOp(","));
        }
        List<SelectItem> aggregates = List.of();
        if (accept("USING")) aggregates = parseSelectList();
        List<Identifier> groups = List.of();
        if (accept("GROUP")) {
            expect("BY");
            groups = parseIdentifierList();
        }
        if (pivots.isEmpty()) {
            // no ON: not actually a pivot, just an aggregate grouped by the GROUP BY names
            List<SelectItem> items = new ArrayList<>();
            List<GroupingElement> elements = new ArrayList<>();
            for (Identifier g : groups) {
                ColumnRef ref = new ColumnRef(List.of(g), g.pos());
                items.add(new SelectItem(ref, null, g.pos()));
                elements.add(new GroupingExpr(ref, g.pos()));
            }
            items.addAll(aggregates);
            GroupBy groupBy = groups.isEmpty() ? null : new GroupBy(false, elements, pos);
            return new SelectNode(null, false, List.of(), items, source, null, groupBy, null, List.of(), null,
                    List.of(), null, pos);
        }
        if (aggregates.isEmpty()) {
            FunctionCall countStar = new FunctionCall(new QualifiedName(List.of(new Identifier("count", false, pos)), pos),
                    List.of(), false, true, List.of(), null, false, null, pos);
            aggregates = List.of(new SelectItem(countStar, null, pos));
        }
        return simpleSelectStar(new PivotRef(source, aggregates, pivots, groups, null, pos), pos);
    }

    /** {@code [IN (entries) | IN (query) | IN type_name]} after the pivoted expressions. */
    private PivotColumn parsePivotIn(List<Expr> expressions, int pos) {
        if (!accept("IN")) return new PivotColumn(expressions, List.of(), null, null, pos);
        if (!atOp("(")) return new PivotColumn(expressions, List.of(), null, parseIdentifier(), pos);
        if (isQueryAhead() && peekQueryDirectlyInside()) {
            next();
            QueryNode query = parseQuery();
            expectOp(")");
            return new PivotColumn(expressions, List.of(), query, null, pos);
        }
        next();
        List<PivotEntry> entries = parsePivotEntries(true);
        expectOp(")");
        return new PivotColumn(expressions, entries, null, null, pos);
    }

    /** Comma-separated {@code expr [AS alias]} entries; a parenthesized tuple is one entry of several values. */
    private List<PivotEntry> parsePivotEntries(boolean inParentheses) {
        List<PivotEntry> entries = new ArrayList<>();
        do {
            if (inParentheses && atOp(")")) break;
            int pos = peek().pos();
            Expr e = parseExpr();
            List<Expr> values = e instanceof FunctionCall f && f.name().parts().size() == 1
                    && f.name().last().text().equals("row") && f.pos() == pos && f.over() == null
                    ? f.args() : List.of(e);
            Identifier alias = null;
            if (accept("AS")) alias = peek().kind() == TokenKind.STRING ? stringIdentifier() : parseAnyIdentifier();
            entries.add(new PivotEntry(values, alias, pos));
        } while (acceptOp(","));
        return entries;
    }

    /** {@code ref PIVOT (..) [alias]} / {@code ref UNPIVOT [INCLUDE|EXCLUDE NULLS] (..) [alias]}, repeatable. */
    private TableRef parsePivotSuffixes(TableRef ref) {
        while (true) {
            int pos = peek().pos();
            if (at("PIVOT") && peek(1).isOperator("(")) {
                next();
                next();
                List<SelectItem> aggregates = parseSelectList();
                expect("FOR");
                List<PivotColumn> pivots = new ArrayList<>();
                do {
                    int cpos = peek().pos();
                    Expr e = parseOtherOperators();
                    List<Expr> exprs = e instanceof FunctionCall f && f.name().last().text().equals("row")
                            && f.pos() == cpos ? f.args() : List.of(e);
                    if (!at("IN")) throw error();
                    pivots.add(parsePivotIn(exprs, cpos));
                } while (!atOp(")") && !at("GROUP"));
                List<Identifier> groups = List.of();
                if (accept("GROUP")) {
                    expect("BY");
                    groups = parseIdentifierList();
                }
                expectOp(")");
                ref = new PivotRef(ref, aggregates, pivots, groups, parseTableAlias(), pos);
            } else if (at("UNPIVOT") && (peek(1).isOperator("(") || peek(1).isKeyword("INCLUDE")
                    || peek(1).isKeyword("EXCLUDE"))) {
                next();
                boolean includeNulls = false;
                if (accept("INCLUDE")) {
                    expect("NULLS");
                    includeNulls = true;
                } else if (accept("EXCLUDE")) {
                    expect("NULLS");
                }
                expectOp("(");
                List<Identifier> values = atOp("(") ? parseParenthesizedIdentifiers() : List.of(parseIdentifier());
                expect("FOR");
                Identifier name = parseIdentifier();
                expect("IN");
                expectOp("(");
                List<PivotEntry> entries = parsePivotEntries(true);
                expectOp(")");
                expectOp(")");
                ref = new UnpivotRef(ref, values, name, entries, includeNulls, null, pos);
                TableAlias alias = parseTableAlias();
                if (alias != null) {
                    UnpivotRef u = (UnpivotRef) ref;
                    ref = new UnpivotRef(u.source(), u.valueNames(), u.nameColumn(), u.entries(), u.includeNulls(), alias, pos);
                }
            } else if (at("TABLESAMPLE")) {
                next();
                ref = new SampledRef(ref, parseSampleEntry(pos), pos);
            } else {
                return ref;
            }
        }
    }

    private TableRef parseTablePrimary() {
        Token t = peek();
        int pos = t.pos();
        if ((t.isIdentifierLike() || t.kind() == TokenKind.STRING) && peek(1).isOperator(":") && !isReserved(t)) {
            // DuckDB prefix alias: FROM alias : table
            next();
            next();
            Identifier aliasName = new Identifier(t.value(), t.kind() != TokenKind.IDENTIFIER, t.pos());
            TableRef ref = parseTablePrimary();
            return withAlias(ref, new TableAlias(aliasName, List.of(), pos));
        }
        boolean lateral = accept("LATERAL");
        if (atOp("(")) {
            if (isQueryAhead()) {
                int save = index;
                try {
                    next();
                    QueryNode query = parseQuery();
                    expectOp(")");
                    return new SubqueryRef(query, lateral, parseTableAlias(), pos);
                } catch (ParserException e) {
                    // "((SELECT ..) s JOIN t ON ..)": a parenthesized join that starts with a subquery
                    if (!peek(0).isOperator("(") && index == save) throw e;
                    index = save;
                    if (!peek(1).isOperator("(")) throw e;
                }
            }
            next();
            TableRef inner = parseFromList();
            expectOp(")");
            TableAlias alias = parseTableAlias();
            if (alias != null) {
                return new SubqueryRef(simpleSelectStar(inner, pos), lateral, alias, pos);
            }
            return inner;
        }
        if (t.kind() == TokenKind.STRING) {
            next();
            return new FileRef(t.value(), parseTableAlias(), pos);
        }
        if (at("VALUES")) {
            ValuesNode values = parseValues();
            return new SubqueryRef(values, lateral, parseTableAlias(), pos);
        }
        QualifiedName name = parseQualifiedName();
        if (atOp("(")) {
            FunctionCall call = parseFunctionCallRest(name, null, name.pos());
            List<Expr> args = new ArrayList<>(call.args().size());
            for (Expr arg : call.args()) args.add(equalityAsNamedArgument(arg));
            call = new FunctionCall(call.name(), args, call.distinct(), call.star(), call.orderBy(), call.filter(),
                    call.ignoreNulls(), call.over(), call.pos());
            boolean ordinality = false;
            if (accept("WITH")) {
                expect("ORDINALITY");
                ordinality = true;
            }
            return new TableFunctionRef(call, lateral, ordinality, parseTableAlias(), pos);
        }
        return new BaseTableRef(name, parseTableAlias(), pos);
    }

    private static TableRef withAlias(TableRef ref, TableAlias alias) {
        return switch (ref) {
            case BaseTableRef b -> new BaseTableRef(b.name(), alias, b.pos());
            case SubqueryRef s -> new SubqueryRef(s.query(), s.lateral(), alias, s.pos());
            case TableFunctionRef f -> new TableFunctionRef(f.call(), f.lateral(), f.withOrdinality(), alias, f.pos());
            case FileRef f -> new FileRef(f.path(), alias, f.pos());
            case JoinRef j -> new SubqueryRef(simpleSelectStar(j, j.pos()), false, alias, j.pos());
            case PivotRef p -> new PivotRef(p.source(), p.aggregates(), p.pivots(), p.groups(), alias, p.pos());
            case UnpivotRef u -> new UnpivotRef(u.source(), u.valueNames(), u.nameColumn(), u.entries(), u.includeNulls(),
                    alias, u.pos());
            case ShowRef r -> new ShowRef(r.statement(), alias, r.pos());
            case SampledRef r -> new SampledRef(withAlias(r.source(), alias), r.sample(), r.pos());
        };
    }

    /** Table functions take named parameters as "name = value" (read_csv('f', header = true)). */
    private static Expr equalityAsNamedArgument(Expr arg) {
        if (arg instanceof BinaryOp b && b.operator() == BinaryOperator.EQUAL
                && b.left() instanceof ColumnRef c && c.parts().size() == 1) {
            return new NamedArgument(c.parts().get(0), b.right(), b.pos());
        }
        return arg;
    }

    /** A string literal used as a name (AS 'alias'). */
    private Identifier stringIdentifier() {
        Token t = next();
        return new Identifier(t.value(), true, t.pos());
    }

    private TableAlias parseTableAlias() {
        int pos = peek().pos();
        Identifier name;
        if (accept("AS")) name = peek().kind() == TokenKind.STRING ? stringIdentifier() : parseIdentifier();
        else if (canBeBareAlias(peek()) && !atQuestDbClause()) name = parseIdentifier();
        else return null;
        List<Identifier> columns = List.of();
        if (atOp("(")) {
            // column aliases may be written as string literals too: t('k')
            next();
            columns = new ArrayList<>();
            do {
                columns.add(peek().kind() == TokenKind.STRING ? stringIdentifier() : parseIdentifier());
            } while (acceptOp(","));
            expectOp(")");
        }
        return new TableAlias(name, columns, pos);
    }

    // ------------------------------------------------------------------ expressions

    private List<Expr> parseExprList() {
        List<Expr> list = new ArrayList<>();
        do {
            list.add(parseExpr());
        } while (acceptOp(","));
        return list;
    }

    private Expr parseExpr() {
        return parseOr();
    }

    private Expr parseOr() {
        Expr left = parseAnd();
        while (at("OR")) {
            next();
            left = new BinaryOp(BinaryOperator.OR, left, parseAnd(), left.pos());
        }
        return left;
    }

    private Expr parseAnd() {
        Expr left = parseNot();
        while (at("AND")) {
            next();
            left = new BinaryOp(BinaryOperator.AND, left, parseNot(), left.pos());
        }
        return left;
    }

    private Expr parseNot() {
        if (at("NOT")) {
            int pos = next().pos();
            return new UnaryOp(UnaryOperator.NOT, parseNot(), pos);
        }
        return parseIs();
    }

    private Expr parseIs() {
        Expr left = parseComparison();
        while (true) {
            if (accept("ISNULL")) {
                left = new IsNull(left, false, left.pos());
            } else if (accept("NOTNULL")) {
                left = new IsNull(left, true, left.pos());
            } else if (at("IS")) {
                next();
                boolean negated = accept("NOT");
                if (accept("NULL") || accept("UNKNOWN")) {
                    left = new IsNull(left, negated, left.pos());
                } else if (accept("TRUE")) {
                    left = new IsBoolean(left, true, negated, left.pos());
                } else if (accept("FALSE")) {
                    left = new IsBoolean(left, false, negated, left.pos());
                } else if (at("DISTINCT")) {
                    if (left instanceof IsDistinctFrom) throw new ParserException(CHAINED_COMPARISONS, peek().pos());
                    next();
                    expect("FROM");
                    left = new IsDistinctFrom(left, parseComparison(), negated, left.pos());
                } else {
                    throw error();
                }
            } else {
                return left;
            }
        }
    }

    private static BinaryOperator comparisonOperator(Token t) {
        if (t.kind() != TokenKind.OPERATOR) return null;
        return switch (t.value()) {
            case "=", "==" -> BinaryOperator.EQUAL;
            case "<>", "!=" -> BinaryOperator.NOT_EQUAL;
            case "<" -> BinaryOperator.LESS;
            case "<=" -> BinaryOperator.LESS_EQUAL;
            case ">" -> BinaryOperator.GREATER;
            case ">=" -> BinaryOperator.GREATER_EQUAL;
            default -> null;
        };
    }

    private static final String CHAINED_COMPARISONS = "Chained comparisons are not supported, use AND to combine comparisons";

    private Expr parseComparison() {
        Expr left = parsePredicate();
        boolean compared = false;
        while (true) {
            BinaryOperator op = comparisonOperator(peek());
            if (op == null) return left;
            // DuckDB: a = b = c and 1 < 2 < 3 are errors, not (a = b) = c
            if (compared) throw new ParserException(CHAINED_COMPARISONS, peek().pos());
            compared = true;
            next();
            if ((at("ANY") || at("SOME") || at("ALL")) && peek(1).isOperator("(")) {
                Quantifier quantifier = next().isKeyword("ALL") ? Quantifier.ALL : Quantifier.ANY;
                int pos = peek().pos();
                Expr right;
                if (isQueryAhead()) {
                    next();
                    right = new ScalarSubquery(parseQuery(), pos);
                    expectOp(")");
                } else {
                    next();
                    right = parseExpr();
                    expectOp(")");
                }
                left = new QuantifiedComparison(left, op, quantifier, right, left.pos());
            } else {
                left = new BinaryOp(op, left, parsePredicate(), left.pos());
            }
        }
    }

    /** BETWEEN, IN, LIKE and friends, each optionally negated with NOT. */
    private Expr parsePredicate() {
        Expr left = parseOtherOperators();
        while (true) {
            int save = index;
            boolean negated = false;
            if (at("NOT")) {
                Token after = peek(1);
                if (after.isKeyword("NULL")) {
                    // DuckDB accepts "x NOT NULL" as a postfix predicate
                    next();
                    next();
                    left = new IsNull(left, true, left.pos());
                    continue;
                }
                if (after.isKeyword("BETWEEN") || after.isKeyword("IN") || after.isKeyword("LIKE")
                        || after.isKeyword("ILIKE") || after.isKeyword("GLOB") || after.isKeyword("SIMILAR")) {
                    next();
                    negated = true;
                } else {
                    return left;
                }
            }
            Token t = peek();
            if (t.isKeyword("BETWEEN")) {
                next();
                boolean symmetric = accept("SYMMETRIC");
                if (!symmetric) accept("ASYMMETRIC");
                Expr low = parseOtherOperators();
                expect("AND");
                Expr high = parseOtherOperators();
                left = new Between(left, low, high, negated, symmetric, left.pos());
            } else if (t.isKeyword("IN")) {
                next();
                left = parseInRest(left, negated);
            } else if (t.isKeyword("LIKE") || t.isKeyword("ILIKE") || t.isKeyword("GLOB")) {
                next();
                LikeKind kind = t.isKeyword("LIKE") ? LikeKind.LIKE : t.isKeyword("ILIKE") ? LikeKind.ILIKE : LikeKind.GLOB;
                left = parseLikeRest(left, kind, negated);
            } else if (t.isKeyword("SIMILAR")) {
                next();
                expect("TO");
                left = parseLikeRest(left, LikeKind.SIMILAR, negated);
            } else if (!negated && t.kind() == TokenKind.OPERATOR && (t.value().equals("~~") || t.value().equals("!~~")
                    || t.value().equals("~~*") || t.value().equals("!~~*"))) {
                next();
                LikeKind kind = t.value().endsWith("*") ? LikeKind.ILIKE : LikeKind.LIKE;
                left = parseLikeRest(left, kind, t.value().startsWith("!"));
            } else {
                index = save;
                return left;
            }
        }
    }

    private Expr parseInRest(Expr left, boolean negated) {
        int pos = peek().pos();
        if (!atOp("(")) {
            // DuckDB: x IN expression (no parentheses) is contains(expression, x): a list's elements,
            // a map's keys, a tuple's fields or a string's substrings
            Expr haystack = parseOtherOperators();
            Expr call = FunctionCall.of("contains", List.of(haystack, left), pos);
            return negated ? new UnaryOp(UnaryOperator.NOT, call, pos) : call;
        }
        if (isQueryAhead() && peekQueryDirectlyInside()) {
            next();
            QueryNode query = parseQuery();
            expectOp(")");
            return new InSubquery(left, query, negated, left.pos());
        }
        next();
        List<Expr> list = atOp(")") ? List.of() : parseExprList();
        expectOp(")");
        return new InList(left, list, negated, left.pos());
    }

    /** After '(' comes a query (not "((SELECT 1), 2)", which is an expression list). */
    private boolean peekQueryDirectlyInside() {
        int save = index;
        try {
            next();
            parseQuery();
            return atOp(")");
        } catch (ParserException e) {
            return false;
        } finally {
            index = save;
        }
    }

    private Expr parseLikeRest(Expr left, LikeKind kind, boolean negated) {
        Expr pattern = parseOtherOperators();
        Expr escape = accept("ESCAPE") ? parseOtherOperators() : null;
        return new Like(kind, left, pattern, escape, negated, left.pos());
    }

    private static BinaryOperator otherOperator(Token t) {
        if (t.kind() != TokenKind.OPERATOR) return null;
        return switch (t.value()) {
            case "||" -> BinaryOperator.CONCAT;
            case "&" -> BinaryOperator.BIT_AND;
            case "|" -> BinaryOperator.BIT_OR;
            case "#" -> BinaryOperator.BIT_XOR;
            case "<<" -> BinaryOperator.SHIFT_LEFT;
            case ">>" -> BinaryOperator.SHIFT_RIGHT;
            case "->" -> BinaryOperator.JSON_EXTRACT;
            case "->>" -> BinaryOperator.JSON_EXTRACT_TEXT;
            case "@>" -> BinaryOperator.CONTAINS;
            case "<@" -> BinaryOperator.CONTAINED_BY;
            case "&&" -> BinaryOperator.OVERLAPS;
            case "^@" -> BinaryOperator.STARTS_WITH;
            case "~" -> BinaryOperator.REGEX_MATCH;
            case "!~" -> BinaryOperator.REGEX_NOT_MATCH;
            case "@" -> BinaryOperator.AT;
            default -> null;
        };
    }

    /** PostgreSQL's "any other operator" level: binds tighter than comparison, looser than +. */
    private Expr parseOtherOperators() {
        Expr left = parseAdditive();
        while (true) {
            BinaryOperator op = otherOperator(peek());
            if (op == null) return left;
            next();
            left = new BinaryOp(op, left, parseAdditive(), left.pos());
        }
    }

    private Expr parseAdditive() {
        Expr left = parseMultiplicative();
        while (true) {
            BinaryOperator op;
            if (atOp("+")) op = BinaryOperator.ADD;
            else if (atOp("-")) op = BinaryOperator.SUBTRACT;
            else return left;
            next();
            left = new BinaryOp(op, left, parseMultiplicative(), left.pos());
        }
    }

    private Expr parseMultiplicative() {
        Expr left = parsePower();
        while (true) {
            BinaryOperator op;
            if (atOp("*")) op = BinaryOperator.MULTIPLY;
            else if (atOp("/")) op = BinaryOperator.DIVIDE;
            else if (atOp("//")) op = BinaryOperator.INTEGER_DIVIDE;
            else if (atOp("%")) {
                // "LIMIT 10%": a trailing % is a percentage, not a modulo
                if (!canStartOperand(peek(1))) return left;
                op = BinaryOperator.MODULO;
            } else return left;
            next();
            left = new BinaryOp(op, left, parsePower(), left.pos());
        }
    }

    private static boolean canStartOperand(Token t) {
        return switch (t.kind()) {
            case END_OF_INPUT -> false;
            case OPERATOR -> t.value().equals("(") || t.value().equals("-") || t.value().equals("+")
                    || t.value().equals("[") || t.value().equals("{") || t.value().equals("~");
            case IDENTIFIER -> !RESERVED.contains(t.upper()) || t.upper().equals("CASE") || t.upper().equals("CAST")
                    || t.upper().equals("NULL") || t.upper().equals("TRUE") || t.upper().equals("FALSE");
            default -> true;
        };
    }

    private Expr parsePower() {
        Expr left = parseUnary();
        while (atOp("^") || atOp("**")) {
            next();
            left = new BinaryOp(BinaryOperator.POWER, left, parseUnary(), left.pos());
        }
        return left;
    }

    private Expr parseUnary() {
        Token t = peek();
        if (t.kind() == TokenKind.OPERATOR) {
            UnaryOperator op = switch (t.value()) {
                case "-" -> UnaryOperator.NEGATE;
                case "+" -> UnaryOperator.PLUS;
                case "~" -> UnaryOperator.BIT_NOT;
                default -> null;
            };
            if (op != null) {
                next();
                Expr operand = parseUnary();
                // fold "-5" into a literal so that -9223372036854775808 stays representable; like
                // DuckDB, "- -5" folds to 5 (the sign flips, it is never prepended to signed text)
                if (op == UnaryOperator.NEGATE && operand instanceof IntegerLiteral i) return i.negated(t.pos());
                if (op == UnaryOperator.NEGATE && operand instanceof DecimalLiteral d) return d.negated(t.pos());
                return new UnaryOp(op, operand, t.pos());
            }
        }
        return parsePostfix(parsePrimary());
    }

    private Expr parsePostfix(Expr base) {
        while (true) {
            Token t = peek();
            if (t.isOperator("::")) {
                next();
                base = new Cast(base, parseTypeName(), false, base.pos());
                if (atOp("[")) {
                    Expr sub = parseSubscript(base);
                    if (sub instanceof Slice) {
                        // DuckDB reads x::T[...] as a type, so a slice there is refused rather than guessed
                        throw new ParserException("Subscript/slice cannot be applied directly after a cast operator (e.g. x::TYPE[1:3]"
                                + " is not allowed). Wrap the cast in parentheses: (x::TYPE)[1:3]", t.pos());
                    }
                    base = sub;
                }
            } else if (t.isOperator("[")) {
                base = parseSubscript(base);
            } else if (t.isOperator(".") && peek(1).isIdentifierLike()) {
                next();
                Identifier field = parseAnyIdentifier();
                if (atOp("(")) {
                    // DuckDB method chaining: x.f(a) == f(x, a)
                    QualifiedName fn = new QualifiedName(List.of(field), field.pos());
                    base = parseFunctionCallRest(fn, base, base.pos());
                } else {
                    base = new FieldAccess(base, field, base.pos());
                }
            } else if (t.isOperator("!") && !canStartOperand(peek(1))) {
                next();
                base = new UnaryOp(UnaryOperator.FACTORIAL, base, base.pos());
            } else if (t.isKeyword("COLLATE")) {
                next();
                base = new Collate(base, parseCollationName(), base.pos());
            } else if (t.isKeyword("AT") && peek(1).isKeyword("TIME") && peek(2).isKeyword("ZONE")) {
                next();
                next();
                next();
                Expr zone = parsePostfix(parsePrimary());
                base = FunctionCall.of("timezone", List.of(zone, base), base.pos());
            } else {
                return base;
            }
        }
    }

    private String parseCollationName() {
        Token t = peek();
        if (t.kind() == TokenKind.STRING) {
            next();
            return t.value();
        }
        StringBuilder name = new StringBuilder(parseAnyIdentifier().text());
        while (acceptOp(".")) name.append('.').append(parseAnyIdentifier().text());
        return name.toString();
    }

    private Expr parseSubscript(Expr base) {
        expectOp("[");
        if (acceptOp("::")) {
            // l[::step]: the lexer reads the two colons as the cast operator
            Expr step = parseExpr();
            expectOp("]");
            return new Slice(base, null, null, step, base.pos());
        }
        Expr from = null;
        if (!atOp(":")) from = parseExpr();
        if (acceptOp("]")) {
            return new Subscript(base, from, base.pos());
        }
        expectOp(":");
        Expr to = null, step = null;
        // "x[1:-]" means "to the end" in DuckDB slicing
        if (atOp("-") && (peek(1).isOperator("]") || peek(1).isOperator(":"))) next();
        else if (!atOp("]") && !atOp(":")) to = parseExpr();
        if (acceptOp(":")) step = parseExpr();
        expectOp("]");
        return new Slice(base, from, to, step, base.pos());
    }

    private Expr parsePrimary() {
        Token t = peek();
        int pos = t.pos();
        switch (t.kind()) {
            case INTEGER -> {
                next();
                return new IntegerLiteral(t.value(), pos);
            }
            case DECIMAL -> {
                next();
                return new DecimalLiteral(t.value(), pos);
            }
            case STRING -> {
                next();
                return new StringLiteral(t.value(), pos);
            }
            case PARAMETER -> {
                next();
                String v = t.value();
                if (!v.isEmpty() && Character.isDigit(v.charAt(0))) {
                    if (!namedParameters.isEmpty()) throw new ParserException("Mixing named and positional parameters is not supported yet", pos);
                    positionalParameters = true;
                    try {
                        return new Parameter(Integer.parseInt(v), null, pos);
                    } catch (NumberFormatException e) {
                        throw errorAt(t);
                    }
                }
                if (positionalParameters) throw new ParserException("Mixing named and positional parameters is not supported yet", pos);
                // $name: numbered in order of first appearance, so a named statement binds like a positional one
                int ordinal = namedParameters.computeIfAbsent(v, k -> namedParameters.size() + 1);
                return new Parameter(ordinal, v, pos);
            }
            case OPERATOR -> {
                return parseOperatorPrimary(t);
            }
            case IDENTIFIER, QUOTED_IDENTIFIER -> {
                return parseNamePrimary(t);
            }
            default -> throw error();
        }
    }

    private Expr parseOperatorPrimary(Token t) {
        int pos = t.pos();
        switch (t.value()) {
            case "(" -> {
                return parseParenthesized();
            }
            case "[" -> {
                next();
                List<Expr> elements = new ArrayList<>();
                while (!atOp("]")) {
                    elements.add(parseExpr());
                    if (elements.size() == 1 && at("FOR")) return parseListComprehension(elements.get(0), pos);
                    if (!acceptOp(",")) break;
                }
                expectOp("]");
                return new ListLiteral(elements, pos);
            }
            case "{" -> {
                next();
                List<StructField> fields = new ArrayList<>();
                while (!atOp("}")) {
                    Token key = peek();
                    Identifier name;
                    if (key.kind() == TokenKind.STRING) {
                        next();
                        name = new Identifier(key.value(), true, key.pos());
                    } else {
                        name = parseAnyIdentifier();
                    }
                    expectOp(":");
                    fields.add(new StructField(name, parseExpr(), key.pos()));
                    if (!acceptOp(",")) break;
                }
                expectOp("}");
                return new StructLiteral(fields, pos);
            }
            case "#" -> {
                if (peek(1).kind() == TokenKind.INTEGER) {
                    next();
                    Token n = next();
                    try {
                        int position = Integer.parseInt(n.value());
                        if (position < 1) throw new ParserException("Positional reference node needs to be >= 1", pos);
                        return new PositionalRef(position, pos);
                    } catch (NumberFormatException e) {
                        throw errorAt(n);
                    }
                }
                throw error();
            }
            case "*" -> {
                next();
                if (at("COLUMNS") && peek(1).isOperator("(")) {
                    next();
                    next();
                    Expr selector = parseColumnsSelector();
                    expectOp(")");
                    return new ColumnsExpr(selector, true, pos);
                }
                return parseStarModifiers(List.of(), pos);
            }
            default -> throw error();
        }
    }

    /**
     * [expr FOR x IN list [IF cond]] desugars, as in DuckDB, to
     * list_transform(list_filter(list, lambda x: cond), lambda x: expr).
     */
    private Expr parseListComprehension(Expr element, int pos) {
        expect("FOR");
        List<Identifier> params = parseIdentifierList();
        expect("IN");
        Expr source = parseOtherOperators();
        if (accept("IF")) {
            Expr condition = parseExpr();
            source = FunctionCall.of("list_filter", List.of(source, new Lambda(params, condition, condition.pos())), pos);
        }
        expectOp("]");
        return FunctionCall.of("list_transform", List.of(source, new Lambda(params, element, element.pos())), pos);
    }

    private Expr parseColumnsSelector() {
        if (isLambdaAhead()) return parseArrowLambda();
        return parseExpr();
    }

    private Star parseStarModifiers(List<Identifier> qualifier, int pos) {
        List<Identifier> exclude = List.of();
        List<ReplaceItem> replace = List.of();
        List<RenameItem> rename = List.of();
        List<List<Identifier>> excludeQualifiers = List.of();
        while (true) {
            if (at("EXCLUDE") || (at("EXCEPT") && !peek(1).isKeyword("ALL") && !peek(1).isKeyword("DISTINCT")
                    && !peek(1).isKeyword("SELECT") && !peek(1).isKeyword("FROM") && !peek(1).isKeyword("VALUES")
                    && !isQueryAheadAt(1))) {
                next();
                exclude = new ArrayList<>();
                excludeQualifiers = new ArrayList<>();
                boolean parenthesized = acceptOp("(");
                do {
                    List<Identifier> path = parseQualifiedColumnNameForStar();
                    Identifier column = path.get(path.size() - 1);
                    List<Identifier> qualifierPath = path.subList(0, path.size() - 1);
                    for (int e = 0; e < exclude.size(); e++) {
                        // t1.a and t2.a name different columns; a bare a overlaps any qualified a
                        List<Identifier> seenPath = excludeQualifiers.get(e);
                        boolean overlapping = seenPath.isEmpty() || qualifierPath.isEmpty()
                                || sameNames(seenPath, qualifierPath);
                        if (overlapping && exclude.get(e).text().equalsIgnoreCase(column.text())) {
                            throw new ParserException("Duplicate entry \"" + column.text() + "\" in EXCLUDE list", column.pos());
                        }
                    }
                    exclude.add(column);
                    excludeQualifiers.add(List.copyOf(qualifierPath));
                } while (parenthesized && acceptOp(","));
                if (parenthesized) expectOp(")");
            } else if (at("REPLACE")) {
                next();
                boolean parenthesized = acceptOp("(");
                replace = new ArrayList<>();
                do {
                    int itemPos = peek().pos();
                    Expr e = parseExpr();
                    expect("AS");
                    Identifier column = parseAnyIdentifier();
                    for (ReplaceItem seen : replace) {
                        if (seen.column().text().equalsIgnoreCase(column.text())) {
                            throw new ParserException("Duplicate entry \"" + column.text() + "\" in REPLACE list", column.pos());
                        }
                    }
                    replace.add(new ReplaceItem(e, column, itemPos));
                } while (parenthesized && acceptOp(","));
                if (parenthesized) expectOp(")");
            } else if (at("RENAME") && peek(1).isOperator("(")) {
                next();
                next();
                rename = new ArrayList<>();
                do {
                    int itemPos = peek().pos();
                    Identifier column = parseColumnNameForStar();
                    expect("AS");
                    rename.add(new RenameItem(column, parseAnyIdentifier(), itemPos));
                } while (acceptOp(","));
                expectOp(")");
            } else {
                checkStarModifierOverlap(exclude, replace, rename);
                return new Star(qualifier, exclude, replace, rename, pos, excludeQualifiers);
            }
        }
    }

    private static boolean sameNames(List<Identifier> a, List<Identifier> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).text().equalsIgnoreCase(b.get(i).text())) return false;
        return true;
    }

    /** A column may not be both excluded and replaced/renamed (DuckDB rejects this while parsing). */
    private static void checkStarModifierOverlap(List<Identifier> exclude, List<ReplaceItem> replace, List<RenameItem> rename) {
        for (Identifier ex : exclude) {
            for (ReplaceItem r : replace) {
                if (r.column().text().equalsIgnoreCase(ex.text())) {
                    throw new ParserException("Column \"\"" + ex.text() + "\"\" cannot occur in both EXCLUDE and REPLACE list", ex.pos());
                }
            }
            for (RenameItem r : rename) {
                if (r.column().text().equalsIgnoreCase(ex.text())) {
                    throw new ParserException("Column \"" + ex.text() + "\" cannot occur in both EXCLUDE and RENAME list", ex.pos());
                }
            }
        }
    }

    /** An EXCLUDE entry with its qualifier: {@code t.a} → [t, a]; a string literal is a bare column. */
    private List<Identifier> parseQualifiedColumnNameForStar() {
        if (peek().kind() == TokenKind.STRING) {
            Token t = next();
            return List.of(new Identifier(t.value(), true, t.pos()));
        }
        List<Identifier> path = new ArrayList<>();
        path.add(parseAnyIdentifier());
        while (atOp(".") && peek(1).isIdentifierLike()) {
            next();
            path.add(parseAnyIdentifier());
        }
        return path;
    }

    /** EXCLUDE/RENAME column names may be qualified (t.a); the last part is the column. */
    private Identifier parseColumnNameForStar() {
        if (peek().kind() == TokenKind.STRING) {
            Token t = next();
            return new Identifier(t.value(), true, t.pos());
        }
        Identifier id = parseAnyIdentifier();
        while (atOp(".") && peek(1).isIdentifierLike()) {
            next();
            id = parseAnyIdentifier();
        }
        return id;
    }

    private Expr parseParenthesized() {
        int pos = peek().pos();
        if (isQueryAhead()) {
            int save = index;
            boolean single = peek(1).kind() == TokenKind.IDENTIFIER; // "(SELECT": certainly a query
            try {
                next();
                QueryNode query = parseQuery();
                expectOp(")");
                return new ScalarSubquery(query, pos);
            } catch (ParserException e) {
                if (single) throw e;
                index = save; // "((SELECT 1) + 1)": an expression that starts with a subquery
            }
        }
        expectOp("(");
        Expr first = parseExpr();
        if (acceptOp(",")) {
            List<Expr> items = new ArrayList<>();
            items.add(first);
            do {
                if (atOp(")")) break;
                items.add(parseExpr());
            } while (acceptOp(","));
            expectOp(")");
            return FunctionCall.of("row", items, pos);
        }
        expectOp(")");
        return first;
    }

    private Expr parseNamePrimary(Token t) {
        int pos = t.pos();
        if (t.kind() == TokenKind.IDENTIFIER) {
            Token after = peek(1);
            switch (t.upper()) {
                case "NULL" -> {
                    next();
                    return new NullLiteral(pos);
                }
                case "TRUE", "FALSE" -> {
                    next();
                    return new BooleanLiteral(t.upper().equals("TRUE"), pos);
                }
                case "CASE" -> {
                    return parseCase();
                }
                case "CAST", "TRY_CAST" -> {
                    if (after.isOperator("(")) {
                        next();
                        next();
                        Expr operand = parseExpr();
                        expect("AS");
                        TypeName type = parseTypeName();
                        expectOp(")");
                        return new Cast(operand, type, t.upper().equals("TRY_CAST"), pos);
                    }
                }
                case "EXISTS" -> {
                    if (after.isOperator("(")) {
                        next();
                        next();
                        QueryNode query = parseQuery();
                        expectOp(")");
                        return new Exists(query, pos);
                    }
                }
                case "NOT" -> {
                    // NOT in operand position (e.g. "a = NOT b") — parse with NOT's own precedence
                    next();
                    return new UnaryOp(UnaryOperator.NOT, parseNot(), pos);
                }
                case "INTERVAL" -> {
                    if (after.kind() == TokenKind.STRING || after.kind() == TokenKind.INTEGER
                            || after.kind() == TokenKind.DECIMAL || after.isOperator("(")
                            || after.isOperator("-") || after.kind() == TokenKind.PARAMETER) {
                        return parseInterval();
                    }
                }
                case "EXTRACT" -> {
                    if (after.isOperator("(")) return parseExtract();
                }
                case "SUBSTRING" -> {
                    if (after.isOperator("(")) {
                        Expr special = tryParseSubstring();
                        if (special != null) return special;
                    }
                }
                case "POSITION" -> {
                    if (after.isOperator("(")) {
                        Expr special = tryParsePosition();
                        if (special != null) return special;
                    }
                }
                case "TRIM" -> {
                    if (after.isOperator("(")) return parseTrim();
                }
                case "ARRAY" -> {
                    if (after.isOperator("[")) {
                        next();
                        return parseOperatorPrimary(peek());
                    }
                    if (after.isOperator("(") && isQueryAheadAt(2)) {
                        next();
                        next();
                        QueryNode query = parseQuery();
                        expectOp(")");
                        return FunctionCall.of("array", List.of(new ScalarSubquery(query, pos)), pos);
                    }
                }
                case "DEFAULT" -> {
                    next();
                    return new DefaultValue(pos);
                }
                case "MAP" -> {
                    if (after.isOperator("{")) return parseMapLiteral();
                }
                case "X" -> {
                    if (after.kind() == TokenKind.STRING && after.pos() == pos + 1) return parseHexBlobLiteral();
                }
                case "OVERLAY" -> {
                    if (after.isOperator("(")) {
                        Expr special = tryParseOverlay();
                        if (special != null) return special;
                    }
                }
                case "COLUMNS" -> {
                    if (after.isOperator("(")) {
                        next();
                        next();
                        Expr selector = parseColumnsSelector();
                        expectOp(")");
                        return new ColumnsExpr(selector, false, pos);
                    }
                }
                case "LAMBDA" -> {
                    if (after.isIdentifierLike()) return parseKeywordLambda();
                }
                case "GROUPING" -> {
                    // GROUPING(a, b) is an ordinary function call
                }
                default -> {
                }
            }
            if (NILADIC_FUNCTIONS.contains(t.upper()) && !after.isOperator("(")) {
                next();
                return FunctionCall.of(t.value().toLowerCase(Locale.ROOT), List.of(), pos);
            }
            // `type 'text'` is a typed literal for any type name (PostgreSQL's func_name Sconst), so
            // `SELECT i 'x'` names a type i rather than aliasing column i
            boolean genericTypedLiteral = !RESERVED.contains(t.upper()) && after.kind() == TokenKind.STRING;
            if (genericTypedLiteral || TYPED_LITERAL_TYPES.contains(t.upper()) && (after.kind() == TokenKind.STRING
                    || after.isKeyword("WITH") || after.isKeyword("WITHOUT"))) {
                int save = index;
                TypeName type = parseTypeName();
                if (peek().kind() == TokenKind.STRING) {
                    return new TypedLiteral(type, next().value(), pos);
                }
                index = save;
            }
            if (RESERVED.contains(t.upper())) throw error();
        }
        // a name chain: a, t.a, s.t.a, t.*, f(..), s.f(..)
        List<Identifier> parts = new ArrayList<>();
        parts.add(parseAnyIdentifier());
        while (atOp(".")) {
            Token after = peek(1);
            if (after.isOperator("*")) {
                next();
                next();
                return parseStarModifiers(parts, pos);
            }
            if (!after.isIdentifierLike()) break;
            next();
            parts.add(parseAnyIdentifier());
        }
        if (atOp("(")) {
            return parseFunctionCallRest(new QualifiedName(parts, pos), null, pos);
        }
        return new ColumnRef(parts, pos);
    }

    /** MAP {k: v, ..} → map([k, ..], [v, ..]). */
    private Expr parseMapLiteral() {
        int pos = expect("MAP").pos();
        expectOp("{");
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!atOp("}")) {
            keys.add(parseExpr());
            expectOp(":");
            values.add(parseExpr());
            if (!acceptOp(",")) break;
        }
        expectOp("}");
        return FunctionCall.of("map", List.of(new ListLiteral(keys, pos), new ListLiteral(values, pos)), pos);
    }

    /** X'4142' → BLOB '\x41\x42' (the blob text format). */
    private Expr parseHexBlobLiteral() {
        int pos = next().pos();
        Token hex = next();
        String digits = hex.value();
        if (digits.length() % 2 != 0) throw errorAt(hex);
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 2) {
            if (Character.digit(digits.charAt(i), 16) < 0 || Character.digit(digits.charAt(i + 1), 16) < 0) throw errorAt(hex);
            escaped.append("\\x").append(digits, i, i + 2);
        }
        return new TypedLiteral(TypeName.simple("BLOB", pos), escaped.toString(), pos);
    }

    /** OVERLAY(s PLACING r FROM a [FOR n]) → overlay(s, r, a [, n]); null for the plain call form. */
    private Expr tryParseOverlay() {
        int save = index;
        int pos = next().pos();
        next();
        Expr string = parseExpr();
        if (!accept("PLACING")) {
            index = save;
            return null;
        }
        Expr replacement = parseExpr();
        expect("FROM");
        Expr from = parseExpr();
        Expr length = accept("FOR") ? parseExpr() : null;
        expectOp(")");
        List<Expr> args = length == null ? List.of(string, replacement, from) : List.of(string, replacement, from, length);
        return FunctionCall.of("overlay", args, pos);
    }

    private boolean isQueryAheadAt(int offset) {
        int i = offset;
        while (peek(i).isOperator("(")) i++;
        Token t = peek(i);
        return t.isKeyword("SELECT") || t.isKeyword("WITH") || t.isKeyword("VALUES") || t.isKeyword("FROM");
    }

    private Expr parseCase() {
        int pos = expect("CASE").pos();
        Expr operand = at("WHEN") ? null : parseExpr();
        List<WhenClause> whens = new ArrayList<>();
        while (at("WHEN")) {
            int whenPos = next().pos();
            Expr condition = parseExpr();
            expect("THEN");
            whens.add(new WhenClause(condition, parseExpr(), whenPos));
        }
        if (whens.isEmpty()) throw error();
        Expr elseResult = accept("ELSE") ? parseExpr() : null;
        expect("END");
        return new Case(operand, whens, elseResult, pos);
    }

    private Expr parseInterval() {
        int pos = expect("INTERVAL").pos();
        Expr value;
        Token t = peek();
        if (t.kind() == TokenKind.STRING) {
            next();
            value = new StringLiteral(t.value(), t.pos());
        } else if (t.isOperator("(")) {
            next();
            value = parseExpr();
            expectOp(")");
        } else {
            value = parseUnary();
        }
        String unit = parseIntervalUnit();
        String toUnit = null;
        if (unit != null && at("TO")) {
            next();
            toUnit = parseIntervalUnit();
            if (toUnit == null) throw error();
        }
        return new IntervalLiteral(value, unit, toUnit, pos);
    }

    private String parseIntervalUnit() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENTIFIER) return null;
        String unit = INTERVAL_UNITS.get(t.upper());
        // single-letter abbreviations are only units inside the string form; as words they would
        // swallow aliases, so only accept full words here
        if (unit == null || t.upper().length() <= 2) return null;
        next();
        return unit;
    }

    private Expr parseExtract() {
        int pos = expect("EXTRACT").pos();
        expectOp("(");
        Token fieldToken = next();
        if (!fieldToken.isIdentifierLike() && fieldToken.kind() != TokenKind.STRING) throw errorAt(fieldToken);
        expect("FROM");
        Expr source = parseExpr();
        expectOp(")");
        Expr field = new StringLiteral(fieldToken.value().toLowerCase(Locale.ROOT), fieldToken.pos());
        return FunctionCall.of("date_part", List.of(field, source), pos);
    }

    /** SUBSTRING(x FROM a [FOR b]); returns null (position unchanged) for the plain call form. */
    private Expr tryParseSubstring() {
        int save = index;
        int pos = next().pos();
        next();
        Expr string = parseExpr();
        if (!at("FROM") && !at("FOR")) {
            index = save;
            return null;
        }
        Expr from = null, length = null;
        for (int i = 0; i < 2; i++) {
            if (from == null && accept("FROM")) from = parseExpr();
            if (length == null && accept("FOR")) length = parseExpr();
        }
        expectOp(")");
        if (from == null) from = new IntegerLiteral("1", pos);
        List<Expr> args = length == null ? List.of(string, from) : List.of(string, from, length);
        return FunctionCall.of("substring", args, pos);
    }

    /** POSITION(needle IN haystack) → strpos(haystack, needle); null for the plain call form. */
    private Expr tryParsePosition() {
        int save = index;
        int pos = next().pos();
        next();
        Expr needle = parseOtherOperators();
        if (!at("IN")) {
            index = save;
            return null;
        }
        next();
        Expr haystack = parseExpr();
        expectOp(")");
        return FunctionCall.of("strpos", List.of(haystack, needle), pos);
    }

    /** TRIM([BOTH|LEADING|TRAILING] [chars] FROM s) / TRIM(s [, chars]) → trim/ltrim/rtrim(s [, chars]). */
    private Expr parseTrim() {
        int pos = expect("TRIM").pos();
        expectOp("(");
        String function = "trim";
        if (accept("LEADING")) function = "ltrim";
        else if (accept("TRAILING")) function = "rtrim";
        else accept("BOTH");
        Expr string;
        Expr characters = null;
        if (accept("FROM")) {
            string = parseExpr();
        } else {
            Expr first = parseExpr();
            if (accept("FROM")) {
                characters = first;
                string = parseExpr();
            } else {
                string = first;
                if (acceptOp(",")) characters = parseExpr();
            }
        }
        expectOp(")");
        return FunctionCall.of(function, characters == null ? List.of(string) : List.of(string, characters), pos);
    }

    // ---- function calls, lambdas, windows

    /**
     * Parses "(args) [WITHIN GROUP (..)] [FILTER (..)] [IGNORE NULLS] [OVER ..]" after the name.
     * leadingArgument is the receiver of a method-style call (x.f(..)), or null.
     */
    private FunctionCall parseFunctionCallRest(QualifiedName name, Expr leadingArgument, int pos) {
        expectOp("(");
        boolean distinct = false, star = false, ignoreNulls = false, respectNulls = false;
        int nullsAt = -1;
        List<Expr> args = new ArrayList<>();
        if (leadingArgument != null) args.add(leadingArgument);
        List<OrderItem> orderBy = List.of();
        if (accept("DISTINCT")) distinct = true;
        else if (at("ALL") && !peek(1).isOperator(")") && !peek(1).isOperator(",")) next();
        if (atOp("*") && peek(1).isOperator(")")) {
            next();
            star = true;
        } else if (!atOp(")")) {
            if (!at("ORDER")) args.addAll(parseFunctionArgs());
            if (at("ORDER", "BY")) {
                next();
                next();
                orderBy = parseOrderItems();
            }
            if (at("IGNORE", "NULLS")) {
                nullsAt = next().pos();
                next();
                ignoreNulls = true;
            } else if (at("RESPECT", "NULLS")) {
                nullsAt = next().pos();
                next();
                respectNulls = true;
            }
        }
        expectOp(")");
        if (at("WITHIN", "GROUP")) {
            next();
            next();
            expectOp("(");
            expect("ORDER");
            expect("BY");
            orderBy = parseOrderItems();
            expectOp(")");
        }
        Expr filter = null;
        if (at("FILTER") && peek(1).isOperator("(")) {
            next();
            next();
            accept("WHERE");
            filter = parseExpr();
            expectOp(")");
        }
        if (at("IGNORE", "NULLS")) {
            nullsAt = next().pos();
            next();
            ignoreNulls = true;
        } else if (at("RESPECT", "NULLS")) {
            nullsAt = next().pos();
            next();
            respectNulls = true;
        }
        WindowSpec over = null;
        if (accept("OVER")) {
            if (atOp("(")) over = parseWindowSpec();
            else {
                Identifier base = parseIdentifier();
                over = new WindowSpec(base, List.of(), List.of(), null, base.pos());
            }
        }
        if (nullsAt >= 0 && over == null) throw new ParserException("RESPECT/IGNORE NULLS is not supported for non-window functions", nullsAt);
        return new FunctionCall(name, args, distinct, star, orderBy, filter, ignoreNulls, respectNulls, over, pos);
    }

    private List<Expr> parseFunctionArgs() {
        List<Expr> args = new ArrayList<>();
        do {
            if (atOp(")")) break; // trailing comma
            args.add(parseFunctionArg());
        } while (acceptOp(","));
        return args;
    }

    private Expr parseFunctionArg() {
        Token t = peek();
        if (t.isIdentifierLike() && (peek(1).isOperator(":=") || peek(1).isOperator("=>"))) {
            Identifier name = parseAnyIdentifier();
            next();
            return new NamedArgument(name, parseExpr(), t.pos());
        }
        if (isLambdaAhead()) return parseArrowLambda();
        return parseExpr();
    }

    /** "x ->" or "(x, y) ->" starts a lambda in argument position. */
    private boolean isLambdaAhead() {
        if (peek().isIdentifierLike() && peek(1).isOperator("->")) return true;
        if (!atOp("(")) return false;
        int i = 1;
        while (true) {
            if (!peek(i).isIdentifierLike()) return false;
            i++;
            if (peek(i).isOperator(")")) return peek(i + 1).isOperator("->");
            if (!peek(i).isOperator(",")) return false;
            i++;
        }
    }

    private Expr parseArrowLambda() {
        int pos = peek().pos();
        List<Identifier> params = new ArrayList<>();
        if (acceptOp("(")) {
            params.addAll(parseIdentifierList());
            expectOp(")");
        } else {
            params.add(parseIdentifier());
        }
        expectOp("->");
        return new Lambda(params, parseExpr(), true, pos);
    }

    private Expr parseKeywordLambda() {
        int pos = expect("LAMBDA").pos();
        List<Identifier> params = parseIdentifierList();
        expectOp(":");
        return new Lambda(params, parseExpr(), pos);
    }

    /** "( [base] [PARTITION BY ..] [ORDER BY ..] [frame] )". */
    private WindowSpec parseWindowSpec() {
        int pos = expectOp("(").pos();
        Identifier base = null;
        if (peek().isIdentifierLike() && !at("PARTITION") && !at("ORDER") && !at("ROWS") && !at("RANGE") && !at("GROUPS")) {
            base = parseIdentifier();
        }
        List<Expr> partitionBy = List.of();
        if (at("PARTITION", "BY")) {
            next();
            next();
            partitionBy = parseExprList();
        }
        List<OrderItem> orderBy = List.of();
        if (at("ORDER", "BY")) {
            next();
            next();
            orderBy = parseOrderItems();
        }
        WindowFrame frame = null;
        if (at("ROWS") || at("RANGE") || at("GROUPS")) frame = parseWindowFrame();
        expectOp(")");
        return new WindowSpec(base, partitionBy, orderBy, frame, pos);
    }

    private WindowFrame parseWindowFrame() {
        Token unitToken = next();
        int pos = unitToken.pos();
        FrameUnit unit = switch (unitToken.upper()) {
            case "ROWS" -> FrameUnit.ROWS;
            case "RANGE" -> FrameUnit.RANGE;
            default -> FrameUnit.GROUPS;
        };
        FrameBound start, end;
        if (accept("BETWEEN")) {
            start = parseFrameBound();
            expect("AND");
            end = parseFrameBound();
        } else {
            start = parseFrameBound();
            end = new FrameBound(FrameBoundKind.CURRENT_ROW, null, start.pos());
        }
        FrameExclusion exclusion = FrameExclusion.NO_OTHERS;
        if (accept("EXCLUDE")) {
            if (accept("CURRENT")) {
                expect("ROW");
                exclusion = FrameExclusion.CURRENT_ROW;
            } else if (accept("GROUP")) exclusion = FrameExclusion.GROUP;
            else if (accept("TIES")) exclusion = FrameExclusion.TIES;
            else {
                expect("NO");
                expect("OTHERS");
            }
        }
        return new WindowFrame(unit, start, end, exclusion, pos);
    }

    private FrameBound parseFrameBound() {
        int pos = peek().pos();
        if (accept("UNBOUNDED")) {
            if (accept("PRECEDING")) return new FrameBound(FrameBoundKind.UNBOUNDED_PRECEDING, null, pos);
            expect("FOLLOWING");
            return new FrameBound(FrameBoundKind.UNBOUNDED_FOLLOWING, null, pos);
        }
        if (accept("CURRENT")) {
            expect("ROW");
            return new FrameBound(FrameBoundKind.CURRENT_ROW, null, pos);
        }
        Expr offset = parseExpr();
        if (accept("PRECEDING")) return new FrameBound(FrameBoundKind.PRECEDING, offset, pos);
        expect("FOLLOWING");
        return new FrameBound(FrameBoundKind.FOLLOWING, offset, pos);
    }

    // ------------------------------------------------------------------ types

    /** Type modifiers ({@code DECIMAL(18, 3)}, {@code ENUM('a')}) are literals, possibly signed, as in DuckDB. */
    private static boolean isConstantModifier(Expr e) {
        return switch (e) {
            case IntegerLiteral i -> true;
            case DecimalLiteral d -> true;
            case StringLiteral str -> true;
            case BooleanLiteral b -> true;
            case NullLiteral n -> true;
            case UnaryOp u -> isConstantModifier(u.operand());
            default -> false;
        };
    }

    private boolean atIntervalField(int ahead) {
        Token t = peek(ahead);
        return t.kind() == TokenKind.IDENTIFIER && switch (t.upper()) {
            case "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND" -> true;
            default -> false;
        };
    }

    private TypeName parseTypeName() {
        Token t = peek();
        int pos = t.pos();
        if (!t.isIdentifierLike()) throw error();
        next();
        String name = t.kind() == TokenKind.QUOTED_IDENTIFIER ? t.value() : t.value();
        String upper = t.kind() == TokenKind.IDENTIFIER ? t.upper() : "";
        switch (upper) {
            case "DOUBLE" -> {
                if (accept("PRECISION")) name = "DOUBLE PRECISION";
            }
            case "CHARACTER", "CHAR", "NATIONAL" -> {
                if (upper.equals("NATIONAL")) {
                    if (!accept("CHARACTER")) expect("CHAR");
                    name = "CHARACTER";
                }
                if (accept("VARYING")) name = "CHARACTER VARYING";
            }
            default -> {
                while (atOp(".") && peek(1).isIdentifierLike()) {
                    next();
                    name = name + "." + parseAnyIdentifier().text();
                }
            }
        }
        List<Expr> modifiers = List.of();
        List<TypeField> children = List.of();
        if (atOp("(")) {
            if (upper.equals("STRUCT") || upper.equals("ROW") || upper.equals("UNION")) {
                next();
                children = new ArrayList<>();
                if (!atOp(")")) {
                    do {
                        int fieldPos = peek().pos();
                        Identifier fieldName = parseAnyIdentifier();
                        children.add(new TypeField(fieldName, parseTypeName(), fieldPos));
                    } while (acceptOp(","));
                }
                expectOp(")");
            } else if (upper.equals("MAP") || upper.equals("LIST")) {
                next();
                children = new ArrayList<>();
                do {
                    int fieldPos = peek().pos();
                    children.add(new TypeField(null, parseTypeName(), fieldPos));
                } while (acceptOp(","));
                expectOp(")");
            } else {
                next();
                modifiers = atOp(")") ? List.of() : parseExprList();
                for (Expr m : modifiers) {
                    if (!isConstantModifier(m)) throw new ParserException("Expected a constant as type modifier", m.pos());
                }
                expectOp(")");
            }
        }
        if ((upper.equals("TIMESTAMP") || upper.equals("TIME")) && (at("WITH") || at("WITHOUT"))
                && peek(1).isKeyword("TIME") && peek(2).isKeyword("ZONE")) {
            boolean with = next().isKeyword("WITH");
            next();
            next();
            if (with) name = upper + " WITH TIME ZONE";
        }
        if (upper.equals("INTERVAL") && atIntervalField(0)) {
            // INTERVAL DAY TO SECOND and the like: SQL's field qualifiers, which DuckDB accepts and ignores
            next();
            if (at("TO") && atIntervalField(1)) {
                next();
                next();
            }
        }
        List<Integer> arrayDims = List.of();
        while (atOp("[") || at("ARRAY")) {
            if (accept("ARRAY")) {
                if (arrayDims.isEmpty()) arrayDims = new ArrayList<>();
                arrayDims.add(-1);
                continue;
            }
            Token size = peek(1);
            if (size.isOperator("]")) {
                next();
                next();
                if (arrayDims.isEmpty()) arrayDims = new ArrayList<>();
                arrayDims.add(-1);
            } else if (size.kind() == TokenKind.INTEGER && peek(2).isOperator("]")) {
                next();
                next();
                next();
                if (arrayDims.isEmpty()) arrayDims = new ArrayList<>();
                try {
                    arrayDims.add(Integer.parseInt(size.value()));
                } catch (NumberFormatException e) {
                    throw errorAt(size);
                }
            } else {
                break;
            }
        }
        return new TypeName(name, modifiers, children, arrayDims, pos);
    }
}
