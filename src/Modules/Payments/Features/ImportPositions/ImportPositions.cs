using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
/// Runs an import job: streams the file row by row (never loading it whole), creates positions in batches, and when a
/// batch cannot be saved retries its rows one by one, so a bad row is reported and never blocks the good ones.
/// </summary>
internal sealed class RunImportHandler(IServiceScopeFactory scopes, IBlobStore blobs, BodyDirectory bodies, TimeProvider time)
{
    public const int BatchSize = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        ImportJob job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
            job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, ct);
            job.Status = ImportStatus.Running;
            await db.SaveChangesAsync(ct);
        }

        var body = (await bodies.ByIdAsync(job.EnteId, ct))!;
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
                var (ok, ko) = await SaveBatchAsync(body, job, batch, ct);
                imported += ok;
                rejected += ko;
                batch.Clear();
                await ProgressAsync(job.Id, read, imported, rejected, counting.Position, null, ct);
            }
        }

        if (batch.Count > 0)
        {
            var (ok, ko) = await SaveBatchAsync(body, job, batch, ct);
            imported += ok;
            rejected += ko;
        }

        await ProgressAsync(job.Id, read, imported, rejected, counting.Position, ImportStatus.Completed, ct);
    }

    private async Task<(int Ok, int Ko)> SaveBatchAsync(Body body, ImportJob job, List<(long Row, CreatePositionRequest? Request, string? Error)> batch, CancellationToken ct)
    {
        var errors = new List<ImportRowError>();
        int ok = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
            var create = scope.ServiceProvider.GetRequiredService<CreatePositionHandler>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (row, request, error) in batch)
            {
                if (request is null)
                {
                    errors.Add(Error(job.Id, row, error!));
                    continue;
                }

                if (request.Iupd is { Length: > 0 } iupd && !seen.Add(iupd))
                {
                    errors.Add(Error(job.Id, row, $"IUPD «{iupd}» ripetuto nel file."));
                    continue;
                }

                var result = await create.HandleAsync(body, request with { SourceKey = null }, ct, job.Id, save: false);
                if (result.IsFailure)
                {
                    errors.Add(Error(job.Id, row, result.Error.Message));
                }
                else
                {
                    ok++;
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
                // Something in the batch broke a constraint: fall back to one row at a time below.
            }
        }

        return await SaveOneByOneAsync(body, job, batch, ct);
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
