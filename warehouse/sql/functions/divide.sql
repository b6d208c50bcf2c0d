-- n / d rounded half away from zero to the step `unit` (0.0001, 0.01, 1), in exact decimal arithmetic: DuckDB
-- divides DECIMALs in DOUBLE, whose error can tip a rounding at a tie, and doubles summed in a varying order
-- differ from run to run. The quotient is found in integers: n and d may carry up to 8 decimals, `unit` up to 4;
-- the result has the scale of `unit` (CAST it to the column's type).
CREATE OR REPLACE MACRO core.divide(n, d, unit) AS
    CASE WHEN d <> 0 THEN
        CAST(sign(n) * sign(d) * (
            (2 * abs(CAST(CAST(n AS DECIMAL(38, 8)) * 100000000 AS HUGEINT)) * 10000
             + abs(CAST(CAST(d AS DECIMAL(38, 8)) * 100000000 AS HUGEINT)) * CAST(unit * 10000 AS HUGEINT))
            // (2 * abs(CAST(CAST(d AS DECIMAL(38, 8)) * 100000000 AS HUGEINT)) * CAST(unit * 10000 AS HUGEINT))
        ) AS DECIMAL(38, 0)) * unit
    END;
