using System.Xml;
using System.Xml.Linq;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Values;

namespace PenToscana.Modules.Protocol.Features.Segnatura;

/// <summary>An incoming entry pre-filled from another AOO's segnatura: the operator checks it and adds the files.</summary>
internal sealed record SegnaturaDraft(
    string SenderAdministration, string SenderAoo, string SenderNumber, DateOnly SenderDate, string SenderReference, string Subject,
    SegnaturaCorrespondent Sender, IReadOnlyList<SegnaturaFile> Files, IReadOnlyList<string> SchemaWarnings);

internal sealed record SegnaturaCorrespondent(string Name, string? TaxCode, string? IpaCode, string? DigitalAddress);

/// <summary>A file the segnatura announces, with its fingerprint as hex SHA-256, to be matched against the file received.</summary>
internal sealed record SegnaturaFile(string Role, string FileName, string MediaType, string Sha256);

/// <summary>
/// Reads a segnatura (Allegato 6) sent by another AOO. The XML is parsed with DTDs prohibited and no resolver; it is
/// checked against the schema, and only a document that has the identifier, subject and sender is accepted.
/// </summary>
internal static class SegnaturaReader
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly XNamespace P = SegnaturaSchemas.Namespace;

    public static Result<SegnaturaDraft> Read(Stream xml)
    {
        XDocument document;
        try
        {
            var settings = SafeXml.ReaderSettings();
            settings.MaxCharactersInDocument = MaxBytes * 2L;
            using var reader = XmlReader.Create(xml, settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return new Error("xml-non-valido", $"Il file non è un XML valido: {ex.Message}");
        }

        var root = document.Root;
        if (root is null || root.Name != P + "SegnaturaInformatica")
        {
            return new Error("non-segnatura", "Il file non è una segnatura di protocollo (elemento SegnaturaInformatica dello spazio dei nomi AgID).");
        }

        // A segnatura whose only fault is its signature or an optional part can still pre-fill a draft; the operator sees why.
        var warnings = SegnaturaSchemas.Validate(document);
        var id = root.Element(P + "Intestazione")?.Element(P + "Identificatore");
        string? administration = id?.Element(P + "CodiceAmministrazione")?.Value.Trim();
        string? aoo = id?.Element(P + "CodiceAOO")?.Value.Trim();
        string? number = id?.Element(P + "NumeroRegistrazione")?.Value.Trim();
        string? date = id?.Element(P + "DataRegistrazione")?.Value.Trim();
        string? subject = root.Element(P + "Intestazione")?.Element(P + "Oggetto")?.Value.Trim();
        var sender = root.Element(P + "Descrizione")?.Element(P + "Mittente");
        if (string.IsNullOrEmpty(administration) || string.IsNullOrEmpty(aoo) || string.IsNullOrEmpty(number) || string.IsNullOrEmpty(subject) || sender is null
            || !DateOnly.TryParseExact(date?[..Math.Min(10, date.Length)], "yyyy-MM-dd", out var day))
        {
            return new Error("segnatura-incompleta", "La segnatura non riporta amministrazione, AOO, numero, data, oggetto e mittente: non si può usare. "
                + string.Join(" ", warnings.Take(3)));
        }

        var files = new List<SegnaturaFile>();
        foreach (var element in root.Element(P + "Descrizione")!.Elements().Where(e => e.Name == P + "DocumentoPrimario" || e.Name == P + "Allegato"))
        {
            string? impronta = element.Element(P + "Impronta")?.Value.Trim();
            string hex = string.Empty;
            try
            {
                hex = impronta is null ? string.Empty : Convert.ToHexStringLower(Convert.FromBase64String(impronta));
            }
            catch (FormatException)
            {
                warnings = [.. warnings, $"L'impronta di «{element.Attribute(P + "nomeFile")?.Value}» non è in base64."];
            }

            files.Add(new SegnaturaFile(element.Name == P + "DocumentoPrimario" ? "document" : "attachment",
                element.Attribute(P + "nomeFile")?.Value ?? "documento", element.Attribute(P + "mimeType")?.Value ?? "application/octet-stream", hex));
        }

        return new SegnaturaDraft(administration, aoo, number, day, $"{administration} {aoo} n. {number} del {day:dd/MM/yyyy}", subject,
            Correspondent(sender), files, warnings);
    }

    private static SegnaturaCorrespondent Correspondent(XElement mittente)
    {
        var subject = mittente.Elements().First();
        string? address = subject.Descendants(P + "IndirizzoTelematico").FirstOrDefault()?.Value.Trim();
        if (subject.Name == P + "Amministrazione")
        {
            return new SegnaturaCorrespondent(subject.Element(P + "DenominazioneAmministrazione")?.Value.Trim() ?? "Amministrazione",
                subject.Element(P + "CFAmministrazione")?.Value.Trim(), subject.Element(P + "CodiceIPAAmministrazione")?.Value.Trim(), address);
        }

        if (subject.Name == P + "PersonaFisica")
        {
            return new SegnaturaCorrespondent($"{subject.Element(P + "Nome")?.Value.Trim()} {subject.Element(P + "Cognome")?.Value.Trim()}".Trim(),
                subject.Element(P + "CodiceFiscale")?.Value.Trim(), null, address);
        }

        if (subject.Name == P + "PersonaGiuridica")
        {
            return new SegnaturaCorrespondent(subject.Element(P + "Denominazione")?.Value.Trim() ?? "Persona giuridica",
                subject.Element(P + "PIVAoCF")?.Value.Trim(), null, address);
        }

        return new SegnaturaCorrespondent(subject.Element(P + "DenominazioneAmministrazione")?.Value.Trim() ?? "Amministrazione estera", null, null, address);
    }
}
