package io.tealdb.function.aggregate;

import io.tealdb.types.DateTimeUtil;
import io.tealdb.vector.Vector;

/** avg(INTERVAL): each part divided by the count, fractional months/days carried down (DuckDB style). */
final class IntervalAvgAggregate extends IntervalSumAggregate {
    IntervalAvgAggregate() {
        super("avg");
    }

    @Override
    void write(State s, int g, Vector out, int i) {
        long c = s.count[g];
        long months = s.months[g] / c;
        long monthRem = s.months[g] % c;
        double days = (double) (s.days[g] + monthRem * 30) / c;
        long wholeDays = (long) days;
        double micros = (double) s.micros[g] / c + (days - wholeDays) * DateTimeUtil.MICROS_PER_DAY;
        out.ints[i] = (int) months;
        out.days[i] = (int) wholeDays;
        out.longs[i] = Math.round(micros);
    }
}
