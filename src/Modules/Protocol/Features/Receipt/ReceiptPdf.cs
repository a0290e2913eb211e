using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Documents;

namespace PenToscana.Modules.Protocol.Features.Receipt;

/// <summary>The receipt of a registration (ricevuta di protocollazione): body, AOO, number, date, subject and the SHA-256 of every file.</summary>
internal static class ReceiptPdf
{
    public static byte[] Build(ProtocolEntry entry, Ente ente, string aooName)
    {
        using var pdf = new PdfText($"Ricevuta di protocollo {entry.AooCode} {entry.NumberText}/{entry.Year}");
        pdf.Title($"{ente.Name}\nRicevuta di protocollazione");
        pdf.Line("Amministrazione", $"{ente.Name} (codice IPA {ente.IpaCode}, C.F. {ente.TaxCode})");
        pdf.Line("Area organizzativa", $"{aooName} ({entry.AooCode})");
        pdf.Line("Registro", "Protocollo generale");
        pdf.Line("Numero di protocollo", $"{entry.NumberText}/{entry.Year}");
        pdf.Line("Data e ora", entry.RegisteredAt.ToItalianDisplay());
        pdf.Line("Tipo", DirectionLabel(entry.Direction));
        pdf.Line("Oggetto", entry.Subject);
        pdf.Line(entry.Direction == ProtocolDirection.Outgoing ? "Destinatari" : "Mittente",
            string.Join("\n", entry.Correspondents.OrderBy(c => c.Position).Select(c => c.TaxCode is null ? c.Name : $"{c.Name} ({c.TaxCode})")) is { Length: > 0 } names ? names : "-");
        pdf.Line("Canale", Features.RegisterDocument.RegistrationQueue.ChannelLabel(entry.Channel));
        if (entry.SenderReference is { } reference)
        {
            pdf.Line("Protocollo del mittente", reference);
        }

        pdf.Line("Numero di allegati", entry.AttachmentCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (entry.EmergencyNumber is { } emergency)
        {
            pdf.Line("Registro di emergenza", $"n. {emergency} del {entry.EmergencyRecordedAt?.ToItalianDisplay()}");
        }

        if (entry.IsAnnulled)
        {
            pdf.Line("ANNULLATA", $"il {entry.AnnulledAt!.Value.ToItalianDisplay()}. Motivo: {entry.AnnulmentReason}. Provvedimento: {entry.AnnulmentAct}");
        }

        pdf.Space();
        pdf.Paragraph("Impronte dei documenti (SHA-256, esadecimale)");
        pdf.Table(
            ["Documento", "File", "Impronta SHA-256"],
            [0.16, 0.3, 0.54],
            entry.Documents.OrderBy(d => d.Position).Select(d => (IReadOnlyList<string>)[d.IsPrimary ? "Principale" : $"Allegato {d.Position}", d.FileName, d.Sha256]));
        pdf.Space(14);
        pdf.Paragraph("Registrazione effettuata ai sensi dell'art. 53 del DPR 445/2000. Numero, data, corrispondenti, oggetto e impronte non sono modificabili; "
            + "la segnatura XML (Linee guida AgID 2021, Allegato 6) è disponibile presso l'ente.", isSmall: true);
        return pdf.ToBytes();
    }

    public static string DirectionLabel(ProtocolDirection direction) => direction switch
    {
        ProtocolDirection.Incoming => "In entrata",
        ProtocolDirection.Outgoing => "In uscita",
        _ => "Interno",
    };
}
