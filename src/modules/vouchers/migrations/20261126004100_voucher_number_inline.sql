-- The number functions without STRICT, so the planner inlines them into set-based issuance (a STRICT SQL
-- function whose body is not provably strict is called through the function executor for every row).
CREATE OR REPLACE FUNCTION sv_voucher_check(p bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT substr('10X98765432', ((
      (p % 10) * 2 + (p / 10 % 10) * 4 + (p / 100 % 10) * 8 + (p / 1000 % 10) * 5
    + (p / 10000 % 10) * 10 + (p / 100000 % 10) * 9 + (p / 1000000 % 10) * 7 + (p / 10000000 % 10) * 3
    + (p / 100000000 % 10) * 6 + (p / 1000000000 % 10) * 1 + (p / 10000000000 % 10) * 2 + (p / 100000000000 % 10) * 4
    + (p / 1000000000000 % 10) * 8 + (p / 10000000000000 % 10) * 5 + (p / 100000000000000 % 10) * 10
    + (p / 1000000000000000 % 10) * 9 + (p / 10000000000000000 % 10) * 7 + (p / 100000000000000000 % 10) * 3
  ) % 11)::int + 1, 1)
$$;

CREATE OR REPLACE FUNCTION sv_voucher_number(yymm text, district text, serial bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'SV' || yymm || district || lpad((serial % 100000000)::text, 8, '0')
      || sv_voucher_check(((yymm || district)::bigint) * 100000000 + serial % 100000000)
$$;
