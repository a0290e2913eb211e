using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace PenToscana.Bench.Payments;

/// <summary>
/// Fills the PostgreSQL database of a migrated, demo-seeded platform with N generated debt positions for the personal-area
/// benchmark: positions → options → instalments → transfers (and receipts for what was paid, delegated payers), spread over
/// the demo bodies and about a million distinct debtors, all set-based (<c>INSERT … SELECT … FROM generate_series</c>) in
/// chunks. The secondary indexes and foreign keys of the five tables are dropped for the load and rebuilt from their own
/// definitions afterwards (the unique ones then prove the generated IUPDs, IUVs and notice numbers distinct), then ANALYZE.
/// <para>
/// Notice numbers follow the module's rules: each body's block of IUV bases is reserved by advancing its
/// <c>LastSequence</c> (as the allocator does), so the platform keeps handing out fresh numbers afterwards; aux digit and
/// segregation/application code from the body's settings; mod-93 check digits. Every position gets four bases (one per
/// possible instalment), unused ones are gaps, which the rules allow.
/// </para>
/// <para>
/// The demo personas (the demo IdP's eight people, Mario Rossi among them) get 20 positions each, Verdi Costruzioni (which
/// Luca Verdi represents) 20, and Mario Rossi is the delegated payer of 20 more, so the personal area of a demo persona
/// shows a realistic page while the tables hold millions of other people's positions. The generated debtors' codes are
/// shaped like codici fiscali (or partite IVA for companies) but carry no valid check character: the page looks them up
/// by equality only. Run with the platform stopped.
/// </para>
/// </summary>
internal static class PersonalAreaSeed
{
    private const int Chunk = 250_000;

    /// <summary>The demo IdP's personas, with the name the demo seed gives them.</summary>
    internal static readonly (string TaxCode, string Name)[] Personas =
    [
        ("RSSMRA80A01D612Y", "Mario Rossi"), ("NREANN70D45D612O", "Anna Neri"), ("BRNMRC82H15D612F", "Marco Bruni"), ("GLLPLA78E20G999N", "Paola Galli"),
        ("CLMFNC81S50D612T", "Francesca Colombo"), ("FRNLRA90B41G999V", "Laura Ferrini"), ("BLUSRA79T60D612U", "Sara Blu"), ("VRDLCU75C10D612T", "Luca Verdi"),
    ];

    private const string VerdiCostruzioni = "01234567897";

    private static readonly string[] Tables = ["payments_position", "payments_option", "payments_instalment", "payments_transfer", "payments_receipt", "payments_delegated_payer"];

    public static async Task<int> RunAsync(string connectionString, long positions, long debtors)
    {
        var total = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await ExecAsync(conn, "SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'");

        // The run tag keeps ids and IUPDs of a second run on the same database apart from the first.
        int run = Random.Shared.Next(0x1000, 0xFFFF);
        long stride = Math.Max(positions / 20, 20);
        int bodies = await PrepareBodiesAsync(conn, positions);
        Console.WriteLine($"seeding {positions:N0} positions over {bodies} bodies and {debtors:N0} debtors (run {run:x4}); demo personas get every {stride:N0}th position");

        var (dropIndexes, createIndexes, dropKeys, addKeys) = await SecondaryObjectsAsync(conn);
        foreach (var sql in dropKeys.Concat(dropIndexes))
        {
            await ExecAsync(conn, sql);
        }

        Console.WriteLine($"dropped {dropIndexes.Count} secondary indexes and {dropKeys.Count} foreign keys for the load");
        try
        {
            var load = Stopwatch.StartNew();
            for (long lo = 1; lo <= positions; lo += Chunk)
            {
                long hi = Math.Min(positions, lo + Chunk - 1);
                await LoadChunkAsync(conn, lo, hi, bodies, debtors, stride, run);
                double rate = hi / load.Elapsed.TotalSeconds;
                Console.WriteLine($"  {hi:N0} positions in {load.Elapsed.TotalSeconds:F0} s ({rate:N0}/s)");
            }
        }
        finally
        {
            var rebuild = Stopwatch.StartNew();
            foreach (var sql in createIndexes.Concat(addKeys))
            {
                await ExecAsync(conn, sql);
            }

            Console.WriteLine($"rebuilt {createIndexes.Count} indexes and {addKeys.Count} foreign keys in {rebuild.Elapsed.TotalSeconds:F0} s");
        }

        var analyze = Stopwatch.StartNew();
        foreach (var table in Tables)
        {
            await ExecAsync(conn, $"ANALYZE {table}");
        }

        Console.WriteLine($"analyzed in {analyze.Elapsed.TotalSeconds:F0} s; total {total.Elapsed.TotalMinutes:F1} min");
        await using (var count = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM payments_position), (SELECT count(*) FROM payments_option), (SELECT count(*) FROM payments_instalment), " +
            "(SELECT count(*) FROM payments_transfer), (SELECT count(*) FROM payments_receipt), (SELECT count(DISTINCT \"DebtorTaxCode\") FROM payments_position), " +
            "(SELECT count(*) FROM payments_position WHERE \"DebtorTaxCode\" = 'RSSMRA80A01D612Y'), pg_size_pretty(pg_database_size(current_database()))", conn))
        {
            count.CommandTimeout = 0;
            await using var r = await count.ExecuteReaderAsync();
            await r.ReadAsync();
            Console.WriteLine($"now: {r.GetInt64(0):N0} positions, {r.GetInt64(1):N0} options, {r.GetInt64(2):N0} instalments, {r.GetInt64(3):N0} transfers, "
                + $"{r.GetInt64(4):N0} receipts, {r.GetInt64(5):N0} distinct debtors, {r.GetInt64(6)} positions of RSSMRA80A01D612Y; database {r.GetString(7)}");
        }

        return 0;
    }

    /// <summary>One row per body with payment settings: its index, reserved first IUV base, codes and accounts.</summary>
    private static async Task<int> PrepareBodiesAsync(NpgsqlConnection conn, long positions)
    {
        await ExecAsync(conn, "DROP TABLE IF EXISTS bench_body; CREATE TEMP TABLE bench_body (idx int PRIMARY KEY, ente_id uuid, tax_code text, aux text, code text, base bigint, iban text, "
            + "services text[], categories text[])");
        var settings = new List<(Guid Ente, string TaxCode)>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT s.\"EnteId\", e.\"TaxCode\" FROM payments_body_settings s JOIN kernel_ente e ON e.\"Id\" = s.\"EnteId\" " +
            "WHERE EXISTS (SELECT 1 FROM payments_service v WHERE v.\"EnteId\" = s.\"EnteId\") ORDER BY e.\"IpaCode\"", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                settings.Add((r.GetGuid(0), r.GetString(1)));
            }
        }

        if (settings.Count == 0)
        {
            throw new InvalidOperationException("No body with payment settings and services: migrate the database and run the demo seed first.");
        }

        long perBody = (positions / settings.Count + 2) * 4;
        for (int i = 0; i < settings.Count; i++)
        {
            // The block is reserved the way the allocator does it: the counter only moves forward.
            await using var cmd = new NpgsqlCommand(
                "WITH s AS (UPDATE payments_body_settings SET \"LastSequence\" = \"LastSequence\" + @n, \"Version\" = \"Version\" + 1 WHERE \"EnteId\" = @e " +
                "RETURNING \"EnteId\", \"LastSequence\" - @n + 1 AS base, \"AuxDigit\", \"Code\", \"Iban\") " +
                "INSERT INTO bench_body SELECT @i, s.\"EnteId\", @cf, s.\"AuxDigit\", s.\"Code\", s.base, s.\"Iban\", " +
                "(SELECT array_agg(v.\"Code\" ORDER BY v.\"Code\") FROM payments_service v WHERE v.\"EnteId\" = s.\"EnteId\"), " +
                "(SELECT array_agg(v.\"Category\" ORDER BY v.\"Code\") FROM payments_service v WHERE v.\"EnteId\" = s.\"EnteId\") FROM s", conn);
            cmd.Parameters.AddWithValue("n", perBody);
            cmd.Parameters.AddWithValue("e", settings[i].Ente);
            cmd.Parameters.AddWithValue("i", i);
            cmd.Parameters.AddWithValue("cf", settings[i].TaxCode);
            await cmd.ExecuteNonQueryAsync();
        }

        return settings.Count;
    }

    /// <summary>DROP and CREATE statements for the non-primary-key indexes and the foreign keys of the loaded tables.</summary>
    private static async Task<(List<string> DropIndexes, List<string> CreateIndexes, List<string> DropKeys, List<string> AddKeys)> SecondaryObjectsAsync(NpgsqlConnection conn)
    {
        var dropIndexes = new List<string>();
        var createIndexes = new List<string>();
        var dropKeys = new List<string>();
        var addKeys = new List<string>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = ANY(@t) " +
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p') ORDER BY i.indexname", conn))
        {
            cmd.Parameters.AddWithValue("t", Tables);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                dropIndexes.Add($"DROP INDEX \"{r.GetString(0)}\"");
                createIndexes.Add(r.GetString(1));
            }
        }

        await using (var cmd = new NpgsqlCommand(
            "SELECT c.conname, c.conrelid::regclass::text, pg_get_constraintdef(c.oid) FROM pg_constraint c " +
            "WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(@t) ORDER BY c.conname", conn))
        {
            cmd.Parameters.AddWithValue("t", Tables);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                dropKeys.Add($"ALTER TABLE {r.GetString(1)} DROP CONSTRAINT \"{r.GetString(0)}\"");
                addKeys.Add($"ALTER TABLE {r.GetString(1)} ADD CONSTRAINT \"{r.GetString(0)}\" {r.GetString(2)}");
            }
        }

        return (dropIndexes, createIndexes, dropKeys, addKeys);
    }

    /// <summary>Positions lo..hi: first their derived attributes into a temporary table, then the rows of every table from it.</summary>
    private static async Task LoadChunkAsync(NpgsqlConnection conn, long lo, long hi, int bodies, long debtors, long stride, int run)
    {
        string R = run.ToString("x4", CultureInfo.InvariantCulture);
        string Id(string kind, string number) => $"('{kind}-{R}-7000-8000-' || lpad(to_hex({number}), 12, '0'))::uuid";
        string personaCodes = "ARRAY[" + string.Join(",", Personas.Select(p => $"'{p.TaxCode}'")) + "]";
        string personaNames = "ARRAY[" + string.Join(",", Personas.Select(p => $"'{p.Name}'")) + "]";
        await using var tx = await conn.BeginTransactionAsync();

        // h: a cheap hash of the position's number for the spreads; s: its slot in the stride (the demo personas' share).
        string chunk = $"""
            DROP TABLE IF EXISTS bench_pos;
            CREATE TEMP TABLE bench_pos ON COMMIT DROP AS
            SELECT g, b.idx, b.ente_id, b.tax_code AS body_cf, b.aux, b.code, b.base, b.iban,
                   b.services[1 + (h % array_length(b.services, 1))::int] AS service, b.categories[1 + (h % array_length(b.services, 1))::int] AS category,
                   CASE WHEN s < 8 THEN ({personaCodes})[s::int + 1] WHEN s = 8 THEN '{VerdiCostruzioni}'
                        WHEN h % 20 = 7 THEN '9' || lpad(d::text, 10, '0')
                        ELSE 'T' || chr(65 + (d % 26)::int) || chr(65 + (d / 26 % 26)::int) || chr(65 + (d / 676 % 26)::int) || chr(65 + (d / 17576 % 26)::int)
                             || chr(65 + (d / 456976 % 26)::int) || lpad((40 + d % 60)::text, 2, '0') || substr('ABCDEHLMPRST', 1 + (d % 12)::int, 1)
                             || lpad((1 + d % 28)::text, 2, '0') || 'D612X' END AS debtor,
                   CASE WHEN s < 8 THEN ({personaNames})[s::int + 1] WHEN s = 8 THEN 'Verdi Costruzioni S.r.l.'
                        WHEN h % 20 = 7 THEN 'Impresa ' || d ELSE 'Contribuente ' || d END AS debtor_name,
                   CASE WHEN s = 8 OR (s > 8 AND h % 20 = 7) THEN 'Company' ELSE 'Person' END AS kind,
                   s = 9 AS delegated,
                   h % 10 = 0 AS plan,
                   CASE WHEN st < 55 THEN 'Valid' WHEN st < 85 THEN 'Paid' WHEN st < 93 THEN 'Reported' WHEN st < 97 THEN 'Expired' WHEN st < 99 THEN 'Invalid'
                        WHEN h % 10 = 0 THEN 'PartiallyPaid' ELSE 'Valid' END AS status,
                   1000 + h % 50000 AS amount,
                   timestamptz '2026-11-20 09:00+00' - (h % 700) * interval '1 day' - (g % 36000) * interval '1 second' AS created,
                   h % 120 AS ahead
            FROM generate_series({lo}::bigint, {hi}::bigint) g
            CROSS JOIN LATERAL (SELECT (g * 2654435761) % 4294967296 AS h, g % {stride} AS s, (g * 7919) % {debtors} AS d) x
            CROSS JOIN LATERAL (SELECT (h / 1000) % 100 AS st) y
            JOIN bench_body b ON b.idx = g % {bodies};

            INSERT INTO payments_position ("Id", "EnteId", "Iupd", "DebtorKind", "DebtorTaxCode", "DebtorName", "DebtorEmail", "ServiceCode", "Description", "Status",
                "SourceKey", "ImportJobId", "ValidityDate", "SwitchToExpired", "CreatedAt", "PublishedAt", "PaidAt", "CancelledAt", "Version")
            SELECT {Id("b0000001", "g")}, ente_id, 'B{R}-' || g, kind, debtor, debtor_name, NULL, service,
                   CASE WHEN plan THEN 'Tributo ' || service || ' anno ' || extract(year FROM created) ELSE service || ' - avviso ' || g END, status,
                   NULL, NULL, NULL, false, created, created,
                   CASE WHEN status IN ('Paid', 'Reported') THEN created + interval '10 days' END,
                   CASE WHEN status = 'Invalid' THEN created + interval '5 days' END, 1
            FROM bench_pos;

            INSERT INTO payments_option ("Id", "PositionId", "Ordinal", "Description", "IsInstalmentPlan")
            SELECT {Id("b0000002", "g * 2 + o")}, {Id("b0000001", "g")}, o + 1,
                   CASE WHEN o = 0 THEN 'Pagamento in unica soluzione' ELSE 'Pagamento in 3 rate' END, o = 1
            FROM bench_pos CROSS JOIN LATERAL generate_series(0, CASE WHEN plan THEN 1 ELSE 0 END) o;

            CREATE TEMP TABLE bench_inst ON COMMIT DROP AS
            SELECT p.g, k, p.ente_id, p.body_cf, p.iban, p.category, p.status AS position_status, p.created,
                   {Id("b0000003", "p.g * 4 + k")} AS id, {Id("b0000001", "p.g")} AS position_id, {Id("b0000002", "p.g * 2 + CASE WHEN k = 0 THEN 0 ELSE 1 END")} AS option_id,
                   CASE WHEN k = 0 THEN 1 ELSE k END AS ordinal,
                   n.head || lpad((n.head::bigint % 93)::text, 2, '0') AS notice, p.aux,
                   CASE WHEN k = 0 THEN p.amount WHEN k = 1 THEN p.amount - 2 * (p.amount / 3) ELSE p.amount / 3 END AS amount,
                   CASE WHEN p.status IN ('Valid', 'PartiallyPaid') THEN current_date + p.ahead::int + 30 * greatest(k - 1, 0)
                        ELSE p.created::date + 30 * greatest(k, 1) END AS due,
                   CASE WHEN k = 0 THEN 'Avviso ' || p.g ELSE 'Avviso ' || p.g || ' - rata ' || k END AS description,
                   CASE WHEN p.status IN ('Valid', 'Expired', 'Invalid') THEN 'Unpaid'
                        WHEN p.status = 'PartiallyPaid' THEN CASE WHEN k = 0 THEN 'Unavailable' WHEN k = 1 THEN 'Paid' ELSE 'Unpaid' END
                        WHEN k = 0 THEN CASE WHEN p.status = 'Reported' THEN 'Reported' ELSE 'Paid' END
                        ELSE 'Unavailable' END AS status,
                   p.debtor
            FROM bench_pos p
            CROSS JOIN LATERAL generate_series(0, CASE WHEN p.plan THEN 3 ELSE 0 END) k
            CROSS JOIN LATERAL (SELECT p.aux || p.code || lpad((p.base + (p.g / {bodies}) * 4 + k)::text, 13, '0') AS head) n;

            INSERT INTO payments_instalment ("Id", "EnteId", "PositionId", "OptionId", "Ordinal", "Iuv", "NoticeNumber", "AmountCents", "DueDate", "Description", "Status", "PaidAt")
            SELECT id, ente_id, position_id, option_id, ordinal, CASE WHEN aux = '0' THEN substr(notice, 4) ELSE substr(notice, 2) END, notice, amount, due, description, status,
                   CASE WHEN status IN ('Paid', 'Reported') THEN created + interval '10 days' END
            FROM bench_inst;

            INSERT INTO payments_transfer ("Id", "InstalmentId", "Index", "AmountCents", "BeneficiaryTaxCode", "Iban", "PostalAccount", "RemittanceInformation", "Category", "ReportedAt")
            SELECT {Id("b0000004", "g * 4 + k")}, id, 1, amount, body_cf, iban, NULL, description, coalesce(category, '9/0199999TS/'),
                   CASE WHEN status = 'Reported' THEN created + interval '12 days' END
            FROM bench_inst;

            INSERT INTO payments_receipt ("Id", "EnteId", "ReceiptId", "NoticeNumber", "Iuv", "InstalmentId", "PositionId", "AmountCents", "FeeCents", "Description", "PspId",
                "PspName", "ChannelDescription", "PaymentMethod", "PayerTaxCode", "PayerName", "DebtorTaxCode", "PaymentNote", "PaymentDateTime", "ReceivedAt", "StandIn", "Anomaly", "Xml")
            SELECT {Id("b0000005", "g * 4 + k")}, ente_id, 'B{R}' || lpad((g * 4 + k)::text, 14, '0'), notice,
                   CASE WHEN aux = '0' THEN substr(notice, 4) ELSE substr(notice, 2) END, id, position_id, amount, 100, description, 'BCITITMM',
                   'Banca Simulata', 'app', 'CP', debtor, NULL, debtor, NULL, created + interval '10 days', created + interval '10 days', false, NULL, ''
            FROM bench_inst WHERE status IN ('Paid', 'Reported');

            INSERT INTO payments_delegated_payer ("Id", "PositionId", "TaxCode")
            SELECT {Id("b0000006", "g")}, {Id("b0000001", "g")}, '{Personas[0].TaxCode}' FROM bench_pos WHERE delegated;
            """;
        await ExecAsync(conn, chunk);
        await tx.CommitAsync();
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
