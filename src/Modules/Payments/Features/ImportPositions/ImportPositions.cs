using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.CreatePosition;

namespace PenToscana.Modules.Payments.Features.ImportPositions;

/// <summary>Queues a bulk import: the file goes to the blob store, a job row records it, the worker does the rest.</summary>
internal sealed class StartImportHandler(PaymentsDb db, IBlobStore blobs, TimeProvider time)
{
    public const long MaxBytes = 1L << 30;

    public async Task<Kernel.Values.Result<ImportJob>> HandleAsync(Body body, string fileName, Stream content, string createdBy, CancellationToken ct)
    {
        string format = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => "csv",
            ".json" => "json",
            _ => "",
        };
        if (format.Length == 0)
        {
            return new Kernel.Values.Error("payments.import_format", "Carica un file CSV (.csv) o JSON (.json).");
        }

        BlobRef blob;
        try
        {
            blob = await blobs.PutAsync(content, new BlobExpectation(Length: null), ct);
        }
        catch (BlobTooLargeException)
        {
            return new Kernel.Values.Error("payments.import_size", "Il file è troppo grande.");
        }

        var now = time.GetUtcNow();
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(now),
            EnteId = body.Id,
            FileName = Path.GetFileName(fileName),
            Format = format,
            BlobSha256 = blob.Sha256,
            TotalBytes = blob.Length,
            CreatedBy = createdBy,
            CreatedAt = now,
            Status = ImportStatus.Queued,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }
}

/// <summary>One CSV row of the import file (header names, comma or semicolon separated).</summary>
internal sealed class ImportCsvRow
{
    public string? Iupd { get; set; }

    public string? DebtorTaxCode { get; set; }

    public string? DebtorName { get; set; }

    public string? Description { get; set; }

    public string? AmountCents { get; set; }

    public string? DueDate { get; set; }

    public string? ServiceCode { get; set; }
}

/// <summary>
/// Runs an import job: streams the file row by row (never loading it whole) and saves it in batches of
/// <see cref="BatchSize"/> rows. What every row needs is loaded once (the body's settings and services) or once per
/// batch (which IUPDs already exist, one block of notice numbers), each row is validated in memory, and the good rows
/// and the errors of the bad ones are saved in one transaction. When a batch still cannot be saved (a constraint
/// broken by a concurrent writer), its rows are retried one by one, so a bad row is reported and never blocks the
/// good ones.
/// </summary>
internal sealed class RunImportHandler(IServiceScopeFactory scopes, IBlobStore blobs, BodyDirectory bodies, IuvAllocator allocator, TimeProvider time)
{
    public const int BatchSize = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What every row of one job shares: the body, its pagoPA settings and its services by code.</summary>
    private sealed record JobContext(Body Body, BodyPaymentSettings? Settings, IReadOnlyDictionary<string, PaymentService> Services);

    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        ImportJob job;
        JobContext context;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
            job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, ct);
            job.Status = ImportStatus.Running;
            await db.SaveChangesAsync(ct);
            var body = (await bodies.ByIdAsync(job.EnteId, ct))!;
            var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.EnteId == body.Id, ct);
            var services = await db.Services.AsNoTracking().Where(s => s.EnteId == body.Id).ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, ct);
            context = new JobContext(body, settings, services);
        }

        await using var raw = await blobs.OpenReadAsync(job.BlobSha256, cancellationToken: ct);
        await using var counting = new CountingStream(raw);
        var batch = new List<(long Row, CreatePositionRequest? Request, string? Error)>(BatchSize);
        long read = 0, imported = 0, rejected = 0;
        var rows = job.Format == "json" ? JsonRows(counting, ct) : CsvRows(counting, ct);
        await foreach (var row in rows)
        {
            batch.Add(row);
            read++;
            if (batch.Count == BatchSize)
            {
                var (ok, ko) = await SaveBatchAsync(context, job, batch, ct);
                imported += ok;
                rejected += ko;
                batch.Clear();
                await ProgressAsync(job.Id, read, imported, rejected, counting.Position, null, ct);
            }
        }

        if (batch.Count > 0)
        {
            var (ok, ko) = await SaveBatchAsync(context, job, batch, ct);
            imported += ok;
            rejected += ko;
        }

        await ProgressAsync(job.Id, read, imported, rejected, counting.Position, ImportStatus.Completed, ct);
    }

    private async Task<(int Ok, int Ko)> SaveBatchAsync(JobContext context, ImportJob job, List<(long Row, CreatePositionRequest? Request, string? Error)> batch, CancellationToken ct)
    {
        var body = context.Body;
        var errors = new List<ImportRowError>();
        var accepted = new List<(long Row, CreatePositionRequest Request, List<OptionInput> Options, PaymentService? Service)>(batch.Count);
        var today = time.TodayInItaly();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, request, error) in batch)
        {
            if (request is null)
            {
                errors.Add(Error(job.Id, row, error!));
                continue;
            }

            if (context.Settings is null)
            {
                errors.Add(Error(job.Id, row, $"{body.Name} non è ancora configurato per pagoPA."));
                continue;
            }

            PaymentService? service = null;
            if (request.ServiceCode is { Length: > 0 } code && !context.Services.TryGetValue(code, out service))
            {
                errors.Add(Error(job.Id, row, $"Il servizio «{code}» non esiste per {body.Name}."));
                continue;
            }

            var validated = CreatePositionHandler.Validate(body, context.Settings, service, request, today);
            if (validated.IsFailure)
            {
                errors.Add(Error(job.Id, row, validated.Error.Message));
                continue;
            }

            if (request.Iupd is { Length: > 0 } iupd && !seen.Add(iupd))
            {
                errors.Add(Error(job.Id, row, $"IUPD «{iupd}» ripetuto nel file."));
                continue;
            }

            accepted.Add((row, request with { SourceKey = null }, validated.Value, service));
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
            if (seen.Count > 0)
            {
                // One query for the whole batch instead of one per row.
                var wanted = seen.ToList();
                var existing = new HashSet<string>(
                    await db.Positions.AsNoTracking().Where(p => p.EnteId == body.Id && wanted.Contains(p.Iupd)).Select(p => p.Iupd).ToListAsync(ct),
                    StringComparer.Ordinal);
                if (existing.Count > 0)
                {
                    foreach (var a in accepted.Where(a => a.Request.Iupd is { } i && existing.Contains(i)))
                    {
                        errors.Add(Error(job.Id, a.Row, $"Esiste già una posizione con identificativo (IUPD) «{a.Request.Iupd}»."));
                    }

                    accepted.RemoveAll(a => a.Request.Iupd is { } i && existing.Contains(i));
                }
            }

            int ok = 0;
            if (accepted.Count > 0)
            {
                // One block of notice numbers for the whole batch.
                var notices = (await allocator.NextAsync(body.Id, accepted.Sum(a => a.Options.Sum(o => o.Instalments.Count)), ct)).ToArray();
                var now = time.GetUtcNow();
                int offset = 0;
                var positions = new List<DebtPosition>(accepted.Count);
                foreach (var a in accepted)
                {
                    int count = a.Options.Sum(o => o.Instalments.Count);
                    positions.Add(CreatePositionHandler.Build(body, a.Request, a.Options, a.Service, new ArraySegment<NoticeNumber>(notices, offset, count), now, today, job.Id));
                    offset += count;
                }

                ok = positions.Count;
                if (db.Database.IsNpgsql())
                {
                    return await CopyAsync(db, positions, errors, ct)
                        ? (ok, errors.Count)
                        : await SaveOneByOneAsync(body, job, batch, ct);
                }
                else
                {
                    db.ChangeTracker.AutoDetectChangesEnabled = false;
                    db.Positions.AddRange(positions);
                }
            }

            try
            {
                db.ImportErrors.AddRange(errors);
                await db.SaveChangesAsync(ct);
                return (ok, errors.Count);
            }
            catch (DbUpdateException)
            {
                // Something in the batch broke a constraint (another writer got there first): one row at a time below.
            }
        }

        return await SaveOneByOneAsync(body, job, batch, ct);
    }

    /// <summary>
    /// On PostgreSQL the batch is written with binary COPY in one transaction (positions, then their options,
    /// instalments, transfers and delegated payers, then the row errors). False when a constraint stops it, after
    /// rolling back: the caller then saves the rows one by one.
    /// </summary>
    private static async Task<bool> CopyAsync(PaymentsDb db, List<DebtPosition> positions, List<ImportRowError> errors, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var tx = await connection.BeginTransactionAsync(ct);
            try
            {
                var options = positions.SelectMany(p => p.Options).ToList();
                var instalments = options.SelectMany(o => o.Instalments).ToList();
                await PostgresCopy.WriteAsync(db, connection, positions, ct);
                await PostgresCopy.WriteAsync(db, connection, positions.SelectMany(p => p.DelegatedPayers).ToList(), ct);
                await PostgresCopy.WriteAsync(db, connection, options, ct);
                await PostgresCopy.WriteAsync(db, connection, instalments, ct);
                await PostgresCopy.WriteAsync(db, connection, instalments.SelectMany(i => i.Transfers).ToList(), ct);
                await PostgresCopy.WriteAsync(db, connection, errors, ct);
                await tx.CommitAsync(ct);
                return true;
            }
            catch (PostgresException)
            {
                await tx.RollbackAsync(CancellationToken.None);
                return false;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<(int Ok, int Ko)> SaveOneByOneAsync(Body body, ImportJob job, List<(long Row, CreatePositionRequest? Request, string? Error)> batch, CancellationToken ct)
    {
        int ok = 0, ko = 0;
        foreach (var (row, request, error) in batch)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
            var create = scope.ServiceProvider.GetRequiredService<CreatePositionHandler>();
            string? message = error;
            if (request is not null)
            {
                try
                {
                    var result = await create.HandleAsync(body, request with { SourceKey = null }, ct, job.Id);
                    message = result.IsFailure ? result.Error.Message : null;
                }
                catch (DbUpdateException)
                {
                    message = "La riga contrasta con una posizione già presente (IUPD duplicato).";
                }
            }

            if (message is null)
            {
                ok++;
                continue;
            }

            ko++;
            db.ChangeTracker.Clear();
            db.ImportErrors.Add(Error(job.Id, row, message));
            await db.SaveChangesAsync(ct);
        }

        return (ok, ko);
    }

    private async Task ProgressAsync(Guid jobId, long read, long imported, long rejected, long bytes, ImportStatus? status, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
        var job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, ct);
        job.RowsRead = read;
        job.RowsImported = imported;
        job.RowsRejected = rejected;
        job.BytesRead = bytes;
        if (status is { } s)
        {
            job.Status = s;
            job.FinishedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task FailAsync(Guid jobId, string reason, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
        var job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, ct);
        job.Status = ImportStatus.Failed;
        job.Failure = reason.Length > 500 ? reason[..500] : reason;
        job.FinishedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private static ImportRowError Error(Guid jobId, long row, string message)
        => new() { Id = Guid.CreateVersion7(), JobId = jobId, Row = row, Message = message.Length > 500 ? message[..500] : message };

    private static async IAsyncEnumerable<(long, CreatePositionRequest?, string?)> CsvRows(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            PrepareHeaderForMatch = a => a.Header.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = null,
        });
        await csv.ReadAsync();
        csv.ReadHeader();
        long row = 1;
        while (await csv.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            row++;
            ImportCsvRow? r;
            try
            {
                r = csv.GetRecord<ImportCsvRow>();
            }
            catch (CsvHelperException)
            {
                r = null;
            }

            if (r is null)
            {
                yield return (row, null, "Riga non leggibile.");
                continue;
            }

            if (!long.TryParse(r.AmountCents, NumberStyles.None, CultureInfo.InvariantCulture, out var cents))
            {
                yield return (row, null, $"Importo in centesimi non valido: «{r.AmountCents}».");
                continue;
            }

            if (!DateOnly.TryParseExact(r.DueDate, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            {
                yield return (row, null, $"Data di scadenza non valida: «{r.DueDate}» (usa AAAA-MM-GG).");
                continue;
            }

            yield return (row, new CreatePositionRequest(new DebtorInput(r.DebtorTaxCode, r.DebtorName), r.Description, cents, due,
                ServiceCode: string.IsNullOrWhiteSpace(r.ServiceCode) ? null : r.ServiceCode, Iupd: string.IsNullOrWhiteSpace(r.Iupd) ? null : r.Iupd), null);
        }
    }

    private static async IAsyncEnumerable<(long, CreatePositionRequest?, string?)> JsonRows(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        long row = 0;
        var items = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, Json, ct);
        await foreach (var item in items)
        {
            row++;
            CreatePositionRequest? request = null;
            string? error = null;
            try
            {
                request = item.Deserialize<CreatePositionRequest>(Json);
            }
            catch (JsonException ex)
            {
                error = "Elemento JSON non valido: " + ex.Message;
            }

            yield return (row, request, request is null ? error ?? "Elemento vuoto." : null);
        }
    }

    /// <summary>Counts the bytes read, for the progress bar.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken);
            position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Picks queued import jobs and runs them one at a time per node.</summary>
internal sealed partial class ImportWorker(IServiceScopeFactory scopes, RunImportHandler runner, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid? next = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
                var job = await db.ImportJobs.Where(j => j.Status == ImportStatus.Queued).OrderBy(j => j.CreatedAt).FirstOrDefaultAsync(stoppingToken);
                if (job is not null)
                {
                    // Claim it: the version check makes sure only one node runs a job.
                    job.Status = ImportStatus.Running;
                    await db.SaveChangesAsync(stoppingToken);
                    next = job.Id;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(logger, ex);
            }

            if (next is { } id)
            {
                try
                {
                    await runner.RunAsync(id, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogImportFailed(logger, id, ex);
                    await runner.FailAsync(id, "Importazione interrotta: " + ex.Message, CancellationToken.None);
                }

                continue;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling import jobs failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import job {JobId} failed")]
    private static partial void LogImportFailed(ILogger logger, Guid jobId, Exception exception);
}
