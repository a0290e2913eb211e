using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>
/// The files of an invoice's exchange with SdI that the platform keeps — SdI's metadata file, every notification received,
/// the outcome sent — offered for download from the invoice's page, each under the name SdI gave it.
/// </summary>
internal static class ExchangeFiles
{
    /// <summary>What the <c>_ExchangeFiles</c> partial lists: the invoice's page address and its events that kept a file.</summary>
    internal sealed record Listing(string InvoiceUrl, IReadOnlyList<InvoiceExchangeEvent> Files);

    public static Listing Of(string invoiceUrl, IEnumerable<InvoiceExchangeEvent> events) => new(invoiceUrl, [.. events.Where(e => e.MessageSha256 is not null)]);

    /// <summary>The stored message of one event of the body's invoice; null when the event is not that invoice's or kept no file.</summary>
    public static async Task<(Stream Content, string Name, string MediaType)?> OpenAsync(InvoicingDb db, IBlobStore blobs, Guid enteId, Guid invoiceId, Guid eventId, CancellationToken ct)
    {
        var exchange = await db.ExchangeEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId && e.InvoiceId == invoiceId && e.EnteId == enteId, ct);
        if (exchange?.MessageSha256 is null)
        {
            return null;
        }

        string name = FileName(exchange);
        var content = await blobs.OpenReadAsync(exchange.MessageSha256, cancellationToken: ct);
        return (content, name, name.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase) ? "application/pkcs7-mime" : "application/xml");
    }

    /// <summary>The name SdI gave the file, reduced to the characters its naming rules allow; the kind of message when none was given.</summary>
    public static string FileName(InvoiceExchangeEvent exchange)
    {
        string given = Path.GetFileName(exchange.MessageName ?? "");
        string safe = new([.. given.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')]);
        return safe.Trim('.').Length == 0 ? $"{exchange.Kind}.xml" : safe;
    }
}
