using System.Globalization;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Domain;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Documents;

/// <summary>The documents of an application: the application itself, the receipt, the silent-assent attestation, the outcome.</summary>
internal static class ApplicationDocuments
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The frozen application as read by the office: every answer of every visible step, and its files' fingerprints.</summary>
    public static byte[] ApplicationPdf(Submission s, FormDefinition form, IReadOnlyDictionary<string, string> data, IReadOnlyList<StoredFile> files)
    {
        var blocks = new List<PdfBlock>
        {
            new PdfRow("Ente", s.EnteName),
            new PdfRow("Servizio", s.ServiceTitle),
            new PdfRow("Richiedente", $"{s.ApplicantName} — {s.ApplicantTaxCode}"),
            new PdfRow("Presentata il", s.SubmittedAt.ToItalianDisplay()),
            new PdfRow("Codice pratica", s.Reference),
        };
        if (s.AssistedByName is not null)
        {
            blocks.Add(new PdfRow("Accesso assistito", $"compilata allo sportello {s.AssistedDesk} da {s.AssistedByName}; documento d'identità verificato: {s.AssistedIdDocument}"));
        }

        blocks.AddRange(Answers(form, data, files));
        if (files.Count > 0)
        {
            blocks.Add(new PdfHeading("Allegati e impronte SHA-256"));
            blocks.AddRange(files.Select(f => new PdfRow(f.FileName, f.Sha256)));
        }

        blocks.Add(new PdfParagraph("Le informazioni fornite hanno valore di dichiarazione sostitutiva (DPR 445/2000 artt. 46 e 47)."));
        return Pdf.Render(s.EnteName, $"Domanda: {s.ServiceTitle}", blocks, $"Pratica {s.Reference} · impronta dei dati {s.DataSha256[..16]}…");
    }

    public static IEnumerable<PdfBlock> Answers(FormDefinition form, IReadOnlyDictionary<string, string> data, IReadOnlyList<StoredFile> files)
    {
        foreach (var step in form.Steps.Where(st => FormRules.StepVisible(st, data)))
        {
            yield return new PdfHeading(step.Title);
            foreach (var (label, value) in Summary.Lines(step, data, files))
            {
                yield return new PdfRow(label, value);
            }
        }
    }

    /// <summary>The receipt of L. 241/1990 art. 18-bis, which with the art. 8 data is also the notice that the procedure started.</summary>
    public static byte[] ReceiptPdf(Submission s)
    {
        var blocks = new List<PdfBlock>
        {
            new PdfRow("Ente", s.EnteName),
            new PdfRow("Servizio", s.ServiceTitle),
            new PdfRow("Richiedente", $"{s.ApplicantName} — {s.ApplicantTaxCode}"),
            new PdfRow("Presentata il", s.SubmittedAt.ToItalianDisplay()),
            new PdfRow("Protocollo", s.ProtocolNumber is null ? "in corso di protocollazione" : $"n. {s.ProtocolNumber} del {s.ProtocolAt!.Value.ToItalianDisplay()}"),
            new PdfRow("Codice pratica", s.Reference),
            new PdfRow("Termine del procedimento", $"{s.TermDays} giorni dalla presentazione"),
            new PdfRow("Data entro cui concludere", Date(s.TermDeadline)),
            new PdfRow("Silenzio assenso", s.SilentAssent
                ? "sì: se entro il termine non riceve una decisione, la domanda si intende accolta (L. 241/1990 art. 20)"
                : "no: l'ente deve concludere con un provvedimento espresso"),
            new PdfRow("Ufficio responsabile", s.OfficeName),
            new PdfRow("Responsabile del procedimento", s.ResponsibleOfficial),
            new PdfRow("Impronta della domanda (SHA-256)", s.PdfSha256),
        };
        if (s.AssistedByName is not null)
        {
            blocks.Add(new PdfRow("Presentata allo sportello", $"{s.AssistedDesk}, operatore {s.AssistedByName}"));
        }

        blocks.Add(new PdfHeading("Come seguire la pratica"));
        blocks.Add(new PdfParagraph($"Acceda all'area personale con SPID o CIE, sezione \"Le mie istanze\": troverà lo stato, la scadenza, i documenti e i messaggi dell'ufficio. Può citare il codice pratica {s.Reference}. In caso di inerzia dell'amministrazione oltre il termine può rivolgersi al titolare del potere sostitutivo (L. 241/1990 art. 2 c. 9-bis) e chiedere l'indennizzo da ritardo (d.l. 69/2013 art. 28)."));
        return Pdf.Render(s.EnteName, "Ricevuta di presentazione", blocks, $"Ricevuta ai sensi dell'art. 18-bis della L. 241/1990 · pratica {s.Reference}");
    }

    public static byte[] SilentAssentAttestation(Submission s)
        => Pdf.Render(s.EnteName, "Attestazione di accoglimento per silenzio assenso",
        [
            new PdfRow("Ente", s.EnteName),
            new PdfRow("Servizio", s.ServiceTitle),
            new PdfRow("Richiedente", $"{s.ApplicantName} — {s.ApplicantTaxCode}"),
            new PdfRow("Protocollo della domanda", s.ProtocolNumber ?? "—"),
            new PdfRow("Termine scaduto il", Date(s.TermDeadline)),
            new PdfParagraph($"Si attesta che sulla domanda indicata, presentata il {s.SubmittedAt.ToItalianDisplay()}, l'amministrazione non ha adottato un provvedimento espresso entro il termine di {s.TermDays} giorni: la domanda si intende accolta per silenzio assenso ai sensi dell'art. 20 della L. 241/1990. Attestazione rilasciata ai sensi del comma 2-bis dello stesso articolo."),
        ], $"Pratica {s.Reference}");

    public static byte[] OutcomePdf(Submission s, bool accepted, string reasons, string officialName, DateTimeOffset at)
        => Pdf.Render(s.EnteName, accepted ? "Provvedimento di accoglimento" : "Provvedimento di rigetto",
        [
            new PdfRow("Ente", s.EnteName),
            new PdfRow("Ufficio", s.OfficeName),
            new PdfRow("Destinatario", $"{s.ApplicantName} — {s.ApplicantTaxCode}"),
            new PdfRow("Domanda", $"{s.ServiceTitle}, protocollo {s.ProtocolNumber}"),
            new PdfRow("Data", at.ToItalianDisplay()),
            new PdfHeading("Esito"),
            new PdfParagraph(accepted ? "La domanda è accolta." : "La domanda è respinta."),
            new PdfHeading("Motivazione"),
            new PdfParagraph(reasons),
            new PdfParagraph(accepted ? "" : "Contro il presente provvedimento è ammesso ricorso al TAR entro 60 giorni o ricorso straordinario al Presidente della Repubblica entro 120 giorni dalla notifica."),
            new PdfRow("Il responsabile del procedimento", officialName),
        ], $"Pratica {s.Reference}");

    public static string Days(int days) => days.ToString(Italian);
}

/// <summary>The summary lines of a step, shared by the riepilogo page, the PDF and the back office.</summary>
internal static class Summary
{
    public static IEnumerable<(string Label, string Value)> Lines(FormStep step, IReadOnlyDictionary<string, string> data, IReadOnlyList<StoredFile> files)
    {
        foreach (var field in step.Fields.Where(f => FormRules.Holds(f.ShowIf, data)))
        {
            if (field.Type == FieldTypes.Group)
            {
                var count = FormRules.ItemCount(field, data);
                for (int i = 0; i < count; i++)
                {
                    var prefix = $"{field.Key}[{i}].";
                    foreach (var child in (field.Fields ?? []).Where(c => FormRules.Holds(c.ShowIf, data, prefix)))
                    {
                        yield return ($"{field.ItemLabel ?? field.Label} {i + 1} — {child.Label}", Value(child, data.GetValueOrDefault(prefix + child.Key), files));
                    }
                }

                continue;
            }

            yield return (field.Label, Value(field, data.GetValueOrDefault(field.Key), files));
        }
    }

    private static string Value(FormField field, string? value, IReadOnlyList<StoredFile> files)
        => field.Type == FieldTypes.File && Guid.TryParse(value, out var id)
            ? files.FirstOrDefault(f => f.Id == id)?.FileName ?? "—"
            : FormRules.Display(field, value);
}
