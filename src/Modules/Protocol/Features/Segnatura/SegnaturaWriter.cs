using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Values;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.Modules.Protocol.Features.Segnatura;

/// <summary>
/// The segnatura of an entry as the XML of AgID Allegato 6 (<c>SegnaturaInformatica</c> 3.0.0): identifier (IPA codes,
/// register, number, date and time), subject, classification, dossier, sender and recipients, the fingerprint of every
/// document, and an enveloped XAdES-BES signature made with the body's electronic seal (<see cref="BodySeals"/>): the
/// certificate in KeyInfo tells the receiving AOO who sealed it.
/// </summary>
internal sealed partial class SegnaturaWriter(BodySeals seals, TimeProvider time)
{
    private static readonly XNamespace P = SegnaturaSchemas.Namespace;

    /// <summary>
    /// The signed segnatura as UTF-8 XML text; it must travel as is (reformatting it breaks the signature). Fails, with the
    /// reason, when the body's seal cannot be used.
    /// </summary>
    public Result<string> Write(ProtocolEntry entry, Ente ente, string aooName, string? classificationTitle)
    {
        var seal = seals.For(ente.IpaCode, ente.Name);
        if (!seal.IsUsable)
        {
            return Result.Failure<string>(new Error("protocol.segnatura.seal", $"La segnatura non può essere firmata: {seal.Error}"));
        }

        var local = TimeZoneInfo.ConvertTime(entry.RegisteredAt, ItalianTime.Rome);
        var body = new XElement(P + "Amministrazione",
            new XElement(P + "DenominazioneAmministrazione", ente.Name),
            Digits11(ente.TaxCode) is { } cf ? new XElement(P + "CFAmministrazione", cf) : null,
            new XElement(P + "CodiceIPAAmministrazione", ente.IpaCode),
            ente.Pec is { } pec ? new XElement(P + "ContattiAmministrazione", new XElement(P + "IndirizzoTelematico", new XAttribute(P + "tipo", "smtp"), pec)) : null,
            new XElement(P + "CodiceIPAAOO", new XAttribute(P + "descrizione", aooName), entry.AooCode));
        var correspondents = entry.Correspondents.OrderBy(c => c.Position).Select(Subject).ToList();

        XElement mittente;
        List<XElement> destinatari;
        switch (entry.Direction)
        {
            case ProtocolDirection.Incoming:
                mittente = new XElement(P + "Mittente", correspondents.Count > 0 ? correspondents[0] : new XElement(body));
                destinatari = [new XElement(P + "Destinatario", new XElement(body))];
                break;
            case ProtocolDirection.Outgoing:
                mittente = new XElement(P + "Mittente", new XElement(body));
                destinatari = correspondents.Count > 0
                    ? correspondents.Select(c => new XElement(P + "Destinatario", c)).ToList()
                    : [new XElement(P + "Destinatario", new XElement(body))];
                break;
            default:
                mittente = new XElement(P + "Mittente", new XElement(body));
                destinatari = [new XElement(P + "Destinatario", new XElement(body))];
                break;
        }

        var documents = entry.Documents.OrderBy(d => d.Position).ToList();
        var root = new XElement(P + "SegnaturaInformatica",
            new XAttribute(XNamespace.Xmlns + "prot", P.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "ds", SegnaturaSchemas.DsNamespace),
            new XAttribute(P + "versione", "3.0.0"),
            new XAttribute(P + "lang", "it"),
            new XElement(P + "Intestazione",
                new XElement(P + "Identificatore",
                    new XElement(P + "CodiceAmministrazione", new XAttribute(P + "descrizione", ente.Name), ente.IpaCode),
                    new XElement(P + "CodiceAOO", new XAttribute(P + "descrizione", aooName), entry.AooCode),
                    new XElement(P + "CodiceRegistro", ProtocolRegister.GeneralRegisterCode),
                    new XElement(P + "NumeroRegistrazione", entry.NumberText),
                    new XElement(P + "DataRegistrazione", local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new XElement(P + "OraRegistrazione", local.ToString("HH:mm:sszzz", CultureInfo.InvariantCulture))),
                new XElement(P + "Oggetto", entry.Subject),
                new XElement(P + "Classifica",
                    new XElement(P + "Denominazione", classificationTitle ?? (entry.Classification is null ? "Non classificato" : entry.Classification)),
                    new XElement(P + "CodiceFlat", entry.Classification ?? "-")),
                entry.DossierReference is { } dossier
                    ? new XElement(P + "Fascicolo", new XElement(P + "Denominazione", dossier), new XElement(P + "CodiceFascicolo", dossier))
                    : null),
            new XElement(P + "Descrizione",
                mittente,
                destinatari,
                Document("DocumentoPrimario", documents[0]),
                documents.Skip(1).Select(d => Document("Allegato", d))));
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
        return Result.Success(Sign(document, seal.Certificate!, time.GetUtcNow()));
    }

    private static string Sign(XDocument document, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, DateTimeOffset now)
    {
        var xml = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = document.CreateReader())
        {
            xml.Load(reader);
        }

        XmlSignatures.SignXades(xml, certificate, now);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml.DocumentElement!.OuterXml;
    }

    private static XElement Document(string name, EntryDocument d)
        => new(P + name,
            new XAttribute(P + "nomeFile", d.FileName),
            new XAttribute(P + "mimeType", d.MediaType),
            new XElement(P + "Impronta", new XAttribute(P + "algoritmo", "SHA-256"), Convert.ToBase64String(Convert.FromHexString(d.Sha256))));

    /// <summary>A correspondent as Allegato 6 knows them: a public body (IPA code), a company (11-digit code) or a person.</summary>
    private static XElement Subject(EntryCorrespondent c)
    {
        XElement? contacts = c.DigitalAddress is { } address
            ? new XElement(P + "IndirizzoTelematico", new XAttribute(P + "tipo", "smtp"), address)
            : null;
        if (c.IpaCode is { } ipa)
        {
            return new XElement(P + "Amministrazione",
                new XElement(P + "DenominazioneAmministrazione", c.Name),
                Digits11(c.TaxCode) is { } cf ? new XElement(P + "CFAmministrazione", cf) : null,
                new XElement(P + "CodiceIPAAmministrazione", ipa),
                contacts is null ? null : new XElement(P + "ContattiAmministrazione", contacts));
        }

        if (c.TaxCode is { } tax && PersonalTaxCode().IsMatch(tax))
        {
            int space = c.Name.IndexOf(' ', StringComparison.Ordinal);
            return new XElement(P + "PersonaFisica",
                new XElement(P + "Nome", space > 0 ? c.Name[..space] : c.Name),
                new XElement(P + "Cognome", space > 0 ? c.Name[(space + 1)..] : c.Name),
                new XElement(P + "CodiceFiscale", tax),
                contacts is null ? null : new XElement(P + "Contatti", contacts));
        }

        return new XElement(P + "PersonaGiuridica",
            new XElement(P + "Denominazione", c.Name),
            Digits11(c.TaxCode) is { } vat ? new XElement(P + "PIVAoCF", vat) : null,
            contacts is null ? null : new XElement(P + "ContattiPersonaGiuridica", contacts));
    }

    private static string? Digits11(string? value) => value is { Length: 11 } && value.All(char.IsAsciiDigit) ? value : null;

    [GeneratedRegex("^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$")]
    private static partial Regex PersonalTaxCode();
}
