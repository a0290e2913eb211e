using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Values;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features.ExportReports;

internal sealed record StartExportRequest(Guid EnteId, string? Format, ReportFilter Filter, string? RequestedBy);

/// <summary>Wakes the export worker when an export is queued, so that it does not wait for its next poll.</summary>
internal sealed class ExportSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0);

    public void Dispose() => signal.Dispose();

    public void Notify() => signal.Release();

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}

/// <summary>Queues an export of the body's report list with the list's current filters.</summary>
internal sealed class StartExportHandler(InfoDeskDb db, ExportSignal signal, TimeProvider time)
{
    public const int MaxPendingPerUser = 3;

    public async Task<Result<ReportExport>> HandleAsync(StartExportRequest request, CancellationToken ct)
    {
        if (request.Format is not ("csv" or "xlsx"))
        {
            return new Error("formato", "Scegliere il formato dell'esportazione: CSV o Excel.");
        }

        if (string.IsNullOrEmpty(request.RequestedBy))
        {
            return new Error("utente", "Accedere per esportare le segnalazioni.");
        }

        int pending = await db.Exports.IgnoreQueryFilters()
            .CountAsync(e => e.CreatedBy == request.RequestedBy && (e.Status == ExportStatus.Queued || e.Status == ExportStatus.Running), ct);
        if (pending >= MaxPendingPerUser)
        {
            return new Error("troppe_esportazioni", $"Ci sono già {pending} esportazioni in preparazione: attendere che finiscano.");
        }

        var now = time.GetUtcNow();
        var export = new ReportExport
        {
            Id = Guid.CreateVersion7(now),
            EnteId = request.EnteId,
            Format = request.Format,
            Filters = JsonSerializer.Serialize(request.Filter),
            Status = ExportStatus.Queued,
            CreatedBy = request.RequestedBy,
            CreatedAt = now,
        };
        db.Exports.Add(export);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return export;
    }
}

/// <summary>
/// Writes one export: counts the rows, then reads them in keyset-ordered batches (received time, id) and writes each batch to
/// a temporary file, recording the progress after every batch; the finished file is streamed into the blob store. Memory use
/// is one batch, whatever the number of reports.
/// </summary>
internal sealed class ExportRunner(IServiceScopeFactory scopes, IBlobStore blobs, IConfiguration configuration, TimeProvider time)
{
    public const int BatchSize = 500;

    public static readonly string[] Columns =
    [
        "Identificativo", "Ricevuta il", "Tipo", "Categoria (codice)", "Categoria", "Canale", "Stato", "Motivo dello stato", "Ufficio",
        "Scadenza", "Prima risposta", "Chiusa il", "Indirizzo", "Latitudine", "Longitudine", "Descrizione", "Protocollo in entrata",
        "Sostenitori", "Riaperture",
    ];

    public async Task RunAsync(Guid exportId, CancellationToken ct)
    {
        ReportExport export;
        ReportFilter filter;
        Dictionary<Guid, string> offices;
        int total;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
            export = await db.Exports.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == exportId, ct);
            filter = JsonSerializer.Deserialize<ReportFilter>(export.Filters)!;
            offices = (await scope.ServiceProvider.GetRequiredService<Bodies>().OfficesOfAsync(export.EnteId, ct)).ToDictionary(o => o.Id, o => o.Name);
            total = await filter.Apply(db.Reports.IgnoreQueryFilters().AsNoTracking(), export.EnteId).CountAsync(ct);
            await db.Exports.IgnoreQueryFilters().Where(e => e.Id == exportId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Total, total), ct);
        }

        var folder = Path.Combine(Path.GetFullPath(configuration["Storage:DataPath"] ?? "data"), "infodesk", "exports");
        Directory.CreateDirectory(folder);
        await using var file = new FileStream(Path.Combine(folder, $"{exportId}.part"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (IReportSheet sheet = export.Format == "xlsx" ? new XlsxReportSheet(file, "Segnalazioni") : new CsvReportSheet(file))
        {
            await sheet.WriteRowAsync(Columns, header: true);
            int done = 0;
            DateTimeOffset? last = null;
            var seenAtLast = new HashSet<Guid>();
            while (true)
            {
                List<Report> batch;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
                    var query = filter.Apply(db.Reports.IgnoreQueryFilters().AsNoTracking(), export.EnteId);
                    if (last is { } l)
                    {
                        query = query.Where(r => r.CreatedAt >= l);
                    }

                    batch = await query.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(BatchSize + seenAtLast.Count).ToListAsync(ct);
                    int fetched = batch.Count;
                    batch = batch.Where(r => !seenAtLast.Contains(r.Id)).ToList();
                    foreach (var r in batch)
                    {
                        await sheet.WriteRowAsync(Row(r, offices));
                    }

                    done += batch.Count;
                    var beat = time.GetUtcNow();
                    await db.Exports.IgnoreQueryFilters().Where(e => e.Id == exportId)
                        .ExecuteUpdateAsync(s => s.SetProperty(e => e.Done, done).SetProperty(e => e.HeartbeatAt, beat), ct);
                    if (fetched < BatchSize + seenAtLast.Count || batch.Count == 0)
                    {
                        break;
                    }
                }

                var newLast = batch[^1].CreatedAt;
                if (newLast != last)
                {
                    seenAtLast.Clear();
                }

                last = newLast;
                foreach (var r in batch.Where(r => r.CreatedAt == newLast))
                {
                    seenAtLast.Add(r.Id);
                }
            }
        }

        await file.FlushAsync(ct);
        long length = file.Length;
        file.Position = 0;
        var blob = await blobs.PutAsync(file, cancellationToken: ct);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
            var now = time.GetUtcNow();
            await db.Exports.IgnoreQueryFilters().Where(e => e.Id == exportId).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, ExportStatus.Completed)
                .SetProperty(e => e.BlobSha256, blob.Sha256)
                .SetProperty(e => e.Length, length)
                .SetProperty(e => e.FinishedAt, now), ct);
        }
    }

    public async Task FailAsync(Guid exportId, string error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
        var now = time.GetUtcNow();
        var text = error.Length > 1000 ? error[..1000] : error;
        await db.Exports.IgnoreQueryFilters().Where(e => e.Id == exportId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, ExportStatus.Failed)
            .SetProperty(e => e.Error, text)
            .SetProperty(e => e.FinishedAt, now), ct);
    }

    private static object?[] Row(Report r, Dictionary<Guid, string> offices) =>
    [
        r.Id.ToString(),
        Wall(r.CreatedAt),
        Labels.Of(r.Type),
        r.CategoryCode,
        r.CategoryName,
        Labels.Of(r.Channel),
        Labels.Of(r.State),
        r.StateReason,
        r.OfficeId is { } o && offices.TryGetValue(o, out var office) ? office : null,
        Wall(r.DueAt),
        r.FirstAnsweredAt is { } a ? Wall(a) : null,
        r.ClosedAt is { } c ? Wall(c) : null,
        r.Address,
        r.Latitude,
        r.Longitude,
        r.Description,
        r.IncomingProtocol,
        r.Supporters,
        r.ReopenCount,
    ];

    private static DateTime Wall(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, ItalianTime.Rome).DateTime;

    public static string FileName(ReportExport export, string ipa)
        => $"segnalazioni-{ipa}-{TimeZoneInfo.ConvertTime(export.CreatedAt, ItalianTime.Rome):yyyyMMdd-HHmm}.{export.Format}";

    public static string ContentType(ReportExport export)
        => export.Format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
}

/// <summary>
/// Takes queued exports one at a time per node; woken by <see cref="ExportSignal"/>, and polls as a fallback. An export is
/// never left "in preparazione" for ever: one interrupted by a shutdown goes back to the queue, and one whose node died (no
/// heartbeat for <see cref="StaleAfter"/>) is taken again from the start by any node.
/// </summary>
internal sealed partial class ExportWorker(
    IServiceScopeFactory scopes, ExportRunner runner, ExportSignal signal, TimeProvider time, ILogger<ExportWorker> logger) : BackgroundService
{
    /// <summary>Far longer than one batch of <see cref="ExportRunner.BatchSize"/> rows takes, even on a loaded node.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid? next = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
                var now = time.GetUtcNow();
                var stale = now - StaleAfter;
                var job = await db.Exports.IgnoreQueryFilters()
                    .Where(e => e.Status == ExportStatus.Queued || (e.Status == ExportStatus.Running && (e.HeartbeatAt == null || e.HeartbeatAt < stale)))
                    .OrderBy(e => e.CreatedAt).FirstOrDefaultAsync(stoppingToken);
                if (job is not null)
                {
                    if (job.Status == ExportStatus.Running)
                    {
                        LogRestartingStale(logger, job.Id, job.Done);
                    }

                    // Claimed with the version check: one node runs each export.
                    job.Status = ExportStatus.Running;
                    job.Done = 0;
                    job.HeartbeatAt = now;
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
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // The node is stopping: the export goes back to the queue for the next start or another node.
                    await RequeueAsync(id);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogExportFailed(logger, id, ex);
                    await runner.FailAsync(id, "Esportazione non riuscita: riprovare o restringere i filtri.", CancellationToken.None);
                }

                continue;
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RequeueAsync(Guid exportId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().Exports.IgnoreQueryFilters()
                .Where(e => e.Id == exportId && e.Status == ExportStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Queued).SetProperty(e => e.Done, 0).SetProperty(e => e.HeartbeatAt, (DateTimeOffset?)null));
        }
        catch (Exception ex)
        {
            // Not requeued: the heartbeat runs out and another start takes it anyway.
            LogRequeueFailed(logger, exportId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report export {ExportId} was running on a node that stopped answering ({Done} rows written): starting it again")]
    private static partial void LogRestartingStale(ILogger logger, Guid exportId, int done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report export {ExportId} could not be put back in the queue at shutdown")]
    private static partial void LogRequeueFailed(ILogger logger, Guid exportId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling report exports failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report export {ExportId} failed")]
    private static partial void LogExportFailed(ILogger logger, Guid exportId, Exception exception);
}
