using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Outbox;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features.Protocol;

/// <summary>
/// A report (a complaint on arrival) or one of its official answers (<see cref="AnswerEventId"/>) must be registered in the
/// body's protocol. Written to the outbox with the report, so the report is stored even when the protocol is unavailable.
/// </summary>
internal sealed record ReportProtocolRequested(Guid ReportId, ProtocolDirection Direction, Guid? AnswerEventId);

/// <summary>
/// Registers the report or answer through <see cref="IProtocolApi"/>, idempotent on the source key, and writes the number on
/// the report. When the protocol is not there yet the delivery fails and the outbox retries later.
/// </summary>
internal sealed class ReportProtocolHandler(InfoDeskDb db, Bodies bodies, IBlobStore blobs, IServiceProvider services, TimeProvider time)
    : IIntegrationEventHandler<ReportProtocolRequested>
{
    public async Task HandleAsync(ReportProtocolRequested e, IntegrationEventContext context, CancellationToken ct)
    {
        var report = await db.Reports.IgnoreQueryFilters().Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == e.ReportId, ct);
        if (report is null)
        {
            return;
        }

        var answer = e.AnswerEventId is { } answerId ? report.Events.FirstOrDefault(v => v.Id == answerId) : null;
        if ((answer is null && report.IncomingProtocol is not null) || answer?.Protocol is not null)
        {
            return;
        }

        var protocol = services.GetService<IProtocolApi>()
            ?? throw new InvalidOperationException("Il protocollo non è disponibile: la registrazione sarà ritentata.");
        var ente = await bodies.ByIdAsync(report.EnteId, ct) ?? throw new InvalidOperationException($"Body {report.EnteId} not found.");
        var text = answer is null ? IncomingText(report) : AnswerText(report, answer);
        var bytes = Encoding.UTF8.GetBytes(text);
        using var stream = new MemoryStream(bytes, writable: false);
        var blob = await blobs.PutAsync(stream, cancellationToken: ct);
        var correspondent = new ProtocolCorrespondent(report.ReporterName ?? "Anonimo")
        {
            TaxCode = report.ReporterTaxCode,
            DigitalAddress = report.ReporterEmail,
            PostalAddress = report.ReporterAddress,
        };
        var request = new ProtocolRequest(
            ente.IpaCode,
            answer is null ? ProtocolDirection.Incoming : ProtocolDirection.Outgoing,
            answer is null ? $"{Labels.Of(report.Type)}: {report.CategoryName}" : $"Risposta a {Labels.Of(report.Type).ToLowerInvariant()}: {report.CategoryName}",
            [correspondent],
            new ProtocolDocument(answer is null ? "segnalazione.txt" : "risposta.txt", "text/plain", blob.Sha256, bytes.Length),
            answer is null ? ChannelOf(report.Channel) : ProtocolChannels.Email,
            answer is null ? $"infodesk:{report.Id}:incoming" : $"infodesk:{answer.Id}:answer")
        {
            RegisteredByTaxCode = answer?.ByTaxCode ?? report.RegisteredByTaxCode,
        };
        var outcome = await protocol.RegisterAsync(request, ct);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Protocol refused the registration: {outcome.ErrorCode} {outcome.ErrorMessage}");
        }

        var number = outcome.Registration!.Formatted;
        var now = time.GetUtcNow();

        // The number is written without touching the report's version: an operator answering the report while it is being
        // protocolled must not be told that "another operator" changed it, and neither write overwrites the other's columns.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (answer is null)
        {
            await db.Reports.IgnoreQueryFilters()
                .Where(r => r.Id == report.Id && r.IncomingProtocol == null)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.IncomingProtocol, number), ct);
        }
        else
        {
            answer.Protocol = number;
        }

        db.Events.Add(new ReportEvent
        {
            Id = Guid.CreateVersion7(now),
            ReportId = report.Id,
            Kind = ReportEventKind.Protocolled,
            Text = answer is null ? $"Protocollata in arrivo: {number}." : $"Risposta protocollata in partenza: {number}.",
            IsPublic = true,
            Protocol = number,
            At = now,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static string ChannelOf(ReportChannel channel) => channel switch
    {
        ReportChannel.Phone => ProtocolChannels.Phone,
        ReportChannel.Email => ProtocolChannels.Email,
        ReportChannel.Paper or ReportChannel.Fax => ProtocolChannels.Paper,
        ReportChannel.Desk => ProtocolChannels.Desk,
        ReportChannel.Open311 => ProtocolChannels.Api,
        _ => ProtocolChannels.Web,
    };

    private static string IncomingText(Report r) => $"""
        {Labels.Of(r.Type)} n. {r.Id}
        Ricevuta il {r.CreatedAt:yyyy-MM-dd HH:mm} UTC tramite {Labels.Of(r.Channel)}
        Categoria: {r.CategoryName}
        Da: {r.ReporterName ?? "anonimo"} {r.ReporterTaxCode}
        Luogo: {r.Address} {r.Latitude} {r.Longitude}

        {r.Description}
        """;

    private static string AnswerText(Report r, ReportEvent answer) => $"""
        Risposta a {Labels.Of(r.Type).ToLowerInvariant()} n. {r.Id} ({r.CategoryName})
        Destinatario: {r.ReporterName ?? "anonimo"}

        {answer.Text}
        """;
}
