using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Schema;
using PenToscana.Kernel.Security;

namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>The SdI message files of MessaggiTypes 1.1 that the platform writes, checked against the schema before they leave.</summary>
public static class SdiMessages
{
    /// <summary>
    /// NotificaEsitoCommittente: the recipient's acceptance (EC01) or refusal (EC02) of one invoice of a file, identified by
    /// number, year and position in the lotto.
    /// </summary>
    public static byte[] NotificaEsitoCommittente(string identificativoSdI, string numero, int anno, int posizione, bool accepted, string? descrizione, string messageId)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            writer.WriteStartElement("types", "NotificaEsitoCommittente", FatturaSchemas.MessagesNamespace);
            writer.WriteAttributeString("versione", "1.0");
            writer.WriteElementString("IdentificativoSdI", identificativoSdI);
            writer.WriteStartElement("RiferimentoFattura");
            writer.WriteElementString("NumeroFattura", numero);
            writer.WriteElementString("AnnoFattura", anno.ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("PosizioneFattura", posizione.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteElementString("Esito", accepted ? "EC01" : "EC02");
            if (!string.IsNullOrWhiteSpace(descrizione))
            {
                writer.WriteElementString("Descrizione", descrizione.Length > 255 ? descrizione[..255] : descrizione);
            }

            writer.WriteElementString("MessageIdCommittente", messageId);
            writer.WriteEndElement();
        }

        return stream.ToArray();
    }

    /// <summary>Schema errors of an SdI message file (empty when it conforms to MessaggiTypes).</summary>
    public static IReadOnlyList<string> Validate(byte[] message)
    {
        var errors = new List<string>();
        var settings = SafeXml.ReaderSettings();
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = FatturaSchemas.Set;
        settings.ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(message, writable: false), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException ex)
        {
            errors.Add(ex.Message);
        }

        return errors;
    }
}
