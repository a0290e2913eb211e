using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Documents;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Modules.Payments.Features.Backoffice;

/// <summary>Downloads of the back office: import status, error report, notices ZIP, collections export.</summary>
internal static class BackofficeEndpoints
{
    private static readonly string[] ExportHeader = ["giorno", "servizio", "pagamenti", "importo_centesimi", "importo_euro"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var bo = app.MapGroup("/backoffice").RequireAuthorization("operator").ExcludeFromDescription();

        bo.MapGet("/{ipa}/pagamenti/importazioni/{id:guid}/stato", async (string ipa, Guid id, HttpContext http, PaymentsDb db, CancellationToken ct) =>
        {
            if (await JobOfAsync(http, ipa, id, db, ct) is not { } job)
            {
                return Results.NotFound();
            }

            bool done = job.Status is ImportStatus.Completed or ImportStatus.Failed;
            int percent = done ? 100 : job.TotalBytes is > 0 ? (int)Math.Min(99, job.BytesRead * 100 / job.TotalBytes.Value) : 0;
            return Results.Json(new { percent, status = job.Status.ToString(), read = job.RowsRead, imported = job.RowsImported, rejected = job.RowsRejected, done });
        });

        bo.MapGet("/{ipa}/pagamenti/importazioni/{id:guid}/errori.csv", async (string ipa, Guid id, HttpContext http, PaymentsDb db, CancellationToken ct) =>
        {
            if (await JobOfAsync(http, ipa, id, db, ct) is null)
            {
                return Results.NotFound();
            }

            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"errori-{id:N}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(true));
            await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            csv.WriteField("riga");
            csv.WriteField("errore");
            await csv.NextRecordAsync();
            await foreach (var e in db.ImportErrors.AsNoTracking().Where(e => e.JobId == id).OrderBy(e => e.Row).AsAsyncEnumerable().WithCancellation(ct))
            {
                csv.WriteField(e.Row);
                csv.WriteField(e.Message);
                await csv.NextRecordAsync();
            }

            return Results.Empty;
        });

        bo.MapGet("/{ipa}/pagamenti/importazioni/{id:guid}/avvisi.zip", async (string ipa, Guid id, HttpContext http, PaymentsDb db, BodyDirectory bodies, CancellationToken ct) =>
        {
            if (await JobOfAsync(http, ipa, id, db, ct) is not { } job || await bodies.ByIdAsync(job.EnteId, ct) is not { } body)
            {
                return Results.NotFound();
            }

            var settings = await db.Settings.AsNoTracking().SingleAsync(s => s.EnteId == body.Id, ct);
            // The archive's end record is written on dispose; let it reach the response even where it is synchronous.
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } control)
            {
                control.AllowSynchronousIO = true;
            }

            http.Response.ContentType = "application/zip";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"avvisi-{id:N}.zip\"";
            // Streamed: one notice at a time goes from PDF to the archive to the client.
            await using var zip = new ZipArchive(new WriteOnlyStream(http.Response.Body), ZipArchiveMode.Create, leaveOpen: true);
            var ids = await db.Positions.AsNoTracking().Where(p => p.ImportJobId == id).OrderBy(p => p.CreatedAt).Select(p => p.Id).ToListAsync(ct);
            foreach (var chunk in ids.Chunk(200))
            {
                var positions = await db.Positions.AsNoTracking().Where(p => chunk.Contains(p.Id)).Include(p => p.Options).ThenInclude(o => o.Instalments)
                    .AsSplitQuery().ToListAsync(ct);
                foreach (var position in positions)
                {
                    var entry = zip.CreateEntry($"avviso-{SafeName(position.Iupd)}.pdf", CompressionLevel.Fastest);
                    await using var stream = await entry.OpenAsync(ct);
                    await stream.WriteAsync(NoticeDocuments.Notice(body, settings, position), ct);
                }
            }

            return Results.Empty;
        });

        bo.MapGet("/{ipa}/pagamenti/incassi.csv", async (string ipa, HttpContext http, PaymentsDb db, CancellationToken ct) =>
        {
            if (await BodyAccess.ResolveAsync(http, ipa, ct) is not { } body)
            {
                return Results.NotFound();
            }

            var rows = await CollectionsAsync(db, body, ct);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"incassi-{body.Ipa}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(true));
            await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var h in ExportHeader)
            {
                csv.WriteField(h);
            }

            await csv.NextRecordAsync();
            foreach (var g in rows)
            {
                csv.WriteField(g.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(g.ServiceCode);
                csv.WriteField(g.Payments);
                csv.WriteField(g.AmountCents);
                csv.WriteField(PaymentCodes.SoapAmount(g.AmountCents));
                await csv.NextRecordAsync();
            }

            return Results.Empty;
        });

        bo.MapGet("/{ipa}/pagamenti/incassi.xlsx", async (string ipa, HttpContext http, PaymentsDb db, CancellationToken ct) =>
        {
            if (await BodyAccess.ResolveAsync(http, ipa, ct) is not { } body)
            {
                return Results.NotFound();
            }

            var rows = await CollectionsAsync(db, body, ct);
            return Results.File(CollectionsWorkbook.Create(body.Name, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"incassi-{body.Ipa}.xlsx");
        });
    }

    /// <summary>
    /// The import job when it belongs to the body in the path and the caller works for that body; otherwise null, so
    /// that another body's job answers 404 like one that does not exist.
    /// </summary>
    private static async Task<ImportJob?> JobOfAsync(HttpContext http, string ipa, Guid id, PaymentsDb db, CancellationToken ct)
        => await BodyAccess.ResolveAsync(http, ipa, ct) is { } body
            ? await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.EnteId == body.Id, ct)
            : null;

    /// <summary>Receipts without anomalies, grouped by Italian calendar day and service.</summary>
    private static async Task<List<CollectionRow>> CollectionsAsync(PaymentsDb db, Body body, CancellationToken ct)
    {
        var rows = await db.Receipts.AsNoTracking().Where(r => r.EnteId == body.Id && r.Anomaly == null)
            .Join(db.Positions, r => r.PositionId, p => p.Id, (r, p) => new { p.ServiceCode, r.PaymentDateTime, r.AmountCents })
            .ToListAsync(ct);
        return rows.GroupBy(r => (Day: Kernel.Calendar.ItalianTime.ItalianDate(r.PaymentDateTime), r.ServiceCode))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.ServiceCode)
            .Select(g => new CollectionRow(g.Key.Day, g.Key.ServiceCode, g.Count(), g.Sum(x => x.AmountCents)))
            .ToList();
    }

    private static string SafeName(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());

    /// <summary>ZipArchive in create mode wants to know the position; the response body cannot tell it.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        private long written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => written;

        public override long Position { get => written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            written += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
