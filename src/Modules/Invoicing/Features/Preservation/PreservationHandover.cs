using PenToscana.Contracts.Invoicing;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.Preservation;

/// <summary>
/// Hands a stored invoice file or SdI message to preservation: an <see cref="InvoiceDocumentStored"/> event added to the
/// module's outbox, so it is saved by the same <c>SaveChangesAsync</c> that records the document (both or neither).
/// Every place that records such a document calls one of these.
/// </summary>
internal static class PreservationHandover
{
    public const string Xml = "application/xml";

    public const string SignedXml = "application/pkcs7-mime";

    /// <summary>A file received by the body (the invoice file, its metadata, a notification about it, the outcome sent).</summary>
    public static void Received(InvoicingDb db, IReadOnlyList<ReceivedInvoice> invoices, string documentType, InvoiceFile file, DateTimeOffset now)
    {
        var first = invoices[0];
        db.Publish(new InvoiceDocumentStored(first.EnteIpa, InvoiceFlows.Received, documentType, file, first.IdentificativoSdI, first.ProtocolNumber, now,
            [.. invoices.OrderBy(i => i.Position).Select(i => new InvoiceReference(i.Id, i.Numero, i.DocumentDate, i.SupplierName, i.SupplierVatId ?? i.SupplierTaxCode, i.TotalCents))]),
            now, first.EnteId);
    }

    /// <summary>A file about an invoice the body issued (the signed invoice, or a notification SdI sent about it).</summary>
    public static void Issued(InvoicingDb db, IssuedInvoice invoice, string documentType, InvoiceFile file, DateTimeOffset now)
        => db.Publish(new InvoiceDocumentStored(invoice.EnteIpa, InvoiceFlows.Issued, documentType, file, invoice.IdentificativoSdI, invoice.ProtocolNumber, now,
            [new InvoiceReference(invoice.Id, invoice.Numero, invoice.DocumentDate, invoice.CustomerName, invoice.CustomerVatId ?? invoice.CustomerTaxCode, invoice.TotalCents)]),
            now, invoice.EnteId);

    /// <summary>The media type of an invoice file by its name: a CAdES envelope (.p7m) or plain (possibly XAdES-signed) XML.</summary>
    public static string MediaTypeOf(string fileName)
        => fileName.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase) ? SignedXml : Xml;
}
