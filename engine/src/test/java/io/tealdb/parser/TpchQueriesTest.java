package io.tealdb.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tealdb.parser.ast.SelectStatement;
import io.tealdb.parser.ast.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TpchQueriesTest {

    static Stream<Integer> queryNumbers() {
        return IntStream.rangeClosed(1, 22).boxed();
    }

    @ParameterizedTest(name = "q{0}")
    @MethodSource("queryNumbers")
    void parsesTpchQuery(int number) throws IOException {
        Path dir = SharedData.find("tpch/queries");
        assumeTrue(dir != null, "shared/tpch/queries not found");
        String sql = Files.readString(dir.resolve(String.format("q%02d.sql", number)));
        List<Statement> statements = Parser.parse(sql);
        assertEquals(1, statements.size());
        assertInstanceOf(SelectStatement.class, statements.get(0));
    }
}
