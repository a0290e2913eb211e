using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using PenToscana.Kernel.Security;

namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>An SdI error as listed in NotificaScarto (code of 5 characters, description).</summary>
public sealed record SdiError(string Codice, string Descrizione);

/// <summary>
/// The notifications SdI issues (MessaggiTypes 1.1): RC, NS, MC, NE, AT, DT to the transmitter and the recipient, and SE
/// to a recipient whose outcome was not accepted. Each is signed with an enveloped XML-DSig signature (the schema requires
/// ds:Signature) by the key given.
/// </summary>
public static class SdiNotifications
{
    private static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static byte[] Write(string root, Action<XmlWriter> content, X509Certificate2 signer)
    {
        var document = new XmlDocument { PreserveWhitespace = false, XmlResolver = null };
        using (var writer = document.CreateNavigator()!.AppendChild())
        {
            writer.WriteStartElement("types", root, FatturaSchemas.MessagesNamespace);
            writer.WriteAttributeString("versione", "1.0");
            content(writer);
            writer.WriteEndElement();
        }

        Sign(document, signer);
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            document.Save(xml);
        }

        return stream.ToArray();
    }

    /// <summary>Appends an enveloped XML-DSig signature (exclusive c14n, SHA-256) with the signer's certificate in KeyInfo.</summary>
    public static void Sign(XmlDocument document, X509Certificate2 signer) => XmlSignatures.SignEnveloped(document, signer);

    /// <summary>Whether the enveloped signature of a notification verifies with the certificate it carries.</summary>
    public static bool VerifySignature(byte[] message)
    {
        var document = SafeXml.LoadXmlDocument(message, preserveWhitespace: true);
        var nodes = document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        if (nodes.Count != 1)
        {
            return false;
        }

        XmlSignatures.RegisterAlgorithms();
        var signed = new SignedXml(document);
        signed.LoadXml((XmlElement)nodes[0]!);
        return signed.CheckSignature();
    }

    private static void Destinatario(XmlWriter w, string codice, string? descrizione)
    {
        w.WriteStartElement("Destinatario");
        w.WriteElementString("Codice", codice);
        w.WriteElementString("Descrizione", Trim(string.IsNullOrEmpty(descrizione) ? $"Destinatario con codice {codice}" : descrizione, 255));

        w.WriteEndElement();
    }

    private static string Trim(string text, int max) => text.Length > max ? text[..max] : text;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static byte[] RicevutaConsegna(long id, string nomeFile, DateTimeOffset ricezione, DateTimeOffset consegna, string codiceDestinatario, string? destinatario, string messageId, X509Certificate2 signer) =>
        Write("RicevutaConsegna", w =>
        {
            w.WriteElementString("IdentificativoSdI", Id(id));
            w.WriteElementString("NomeFile", nomeFile);
            w.WriteElementString("DataOraRicezione", Stamp(ricezione));
            w.WriteElementString("DataOraConsegna", Stamp(consegna));
            Destinatario(w, codiceDestinatario, destinatario);
            w.WriteElementString("MessageId", messageId);
        }, signer);

    public static byte[] NotificaScarto(long id, string nomeFile, DateTimeOffset ricezione, IReadOnlyList<SdiError> errori, string messageId, X509Certificate2 signer) =>
        Write("NotificaScarto", w =>
        {
            w.WriteElementString("IdentificativoSdI", Id(id));
            w.WriteElementString("NomeFile", nomeFile);
            w.WriteElementString("DataOraRicezione", Stamp(ricezione));
            w.WriteStartElement("ListaErrori");
            foreach (var e in errori.Take(200))
            {
                w.WriteStartElement("Errore");
                w.WriteElementString("Codice", e.Codice);
                w.WriteElementString("Descrizione", Trim(e.Descrizione, 255));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteElementString("MessageId", messageId);
        }, signer);

    public static byte[] NotificaMancataConsegna(long id, string nomeFile, DateTimeOffset ricezione, string descrizione, string messageId, X509Certificate2 signer) =>
        Write("NotificaMancataConsegna", w =>
        {
            w.WriteElementString("IdentificativoSdI", Id(id));
            w.WriteElementString("NomeFile", nomeFile);
            w.WriteElementString("DataOraRicezione", Stamp(ricezione));
            w.WriteElementString("Descrizione", Trim(descrizione, 255));
            w.WriteElementString("MessageId", messageId);
        }, signer);

    public static byte[] AttestazioneTrasmissioneFattura(long id, string nomeFile, DateTimeOffset ricezione, string codiceDestinatario, string hashFileOriginale, string messageId, X509Certificate2 signer) =>
        Write("AttestazioneTrasmissioneFattura", w =>
        {
            w.WriteElementString("IdentificativoSdI", Id(id));
            w.WriteElementString("NomeFile", nomeFile);
            w.WriteElementString("DataOraRicezione", Stamp(ricezione));
            Destinatario(w, codiceDestinatario, null);
            w.WriteElementString("MessageId", messageId);
            w.WriteElementString("Note", "Impossibilità di recapito al destinatario entro il periodo di ritrasmissione: la fattura è a disposizione del destinatario.");
            w.WriteElementString("HashFileOriginale", hashFileOriginale);
        }, signer);

    /// <summary>NotificaEsito: the recipient's NotificaEsitoCommittente, without its own signature, forwarded to the transmitter.</summary>
    public static byte[] NotificaEsito(long id, string nomeFile, XmlElement esitoCommittente, string messageId, X509Certificate2 signer) =>
        Write("NotificaEsito", w =>
        {
            w.WriteElementString("IdentificativoSdI", Id(id));
            w.WriteElementString("NomeFile", nomeFile);
            w.WriteStartElement("EsitoCommittente");
            w.WriteAttributeString("versione", "1.0");
            foreach (var child in esitoCommittente.ChildNodes.OfType<XmlElement>().Where(c => c.NamespaceURI != SignedXml.XmlDsigNamespaceUrl))
            {
                w.WriteStartElement(child.LocalName);
                if (child.ChildNodes.OfType<XmlElement>().Any())
                {
                    foreach (var grandchild in child.ChildNodes.OfType<XmlElement>())
                    {
                        w.WriteElementString(grandchild.LocalName, grandchild.InnerText);
                    }
                }
                else
                {
                    w.WriteString(child.InnerText);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteElementString("MessageId", messageId);
        }, signer);

    /// <summary>RiferimentoFattura, written only when both the invoice's number and year are known.</summary>
    private static void WriteInvoiceReference(XmlWriter w, string? numero, int? anno)
    {
        if (numero is not null && anno is not null)
        {
            w.WriteStartElement("RiferimentoFattura");
            w.WriteElementString("NumeroFattura", numero);
            w.WriteElementString("AnnoFattura", anno.Value.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
    }

    public static byte[] NotificaDecorrenzaTermini(long id, string nomeFile, string? numero, int? anno, string messageId, X509Certificate2 signer) =>
        Write("NotificaDecorrenzaTermini", w =>
        {
            w.WriteElementString("IdentificativoSdI", Id(id));
            WriteInvoiceReference(w, numero, anno);

            w.WriteElementString("NomeFile", nomeFile);
            w.WriteElementString("Descrizione", "Decorsi 15 giorni dalla consegna senza notifica di esito del committente.");
            w.WriteElementString("MessageId", messageId);
        }, signer);

    /// <summary>ScartoEsitoCommittente: EN00 (outcome not conforming to the format) or EN01 (outcome not admissible).</summary>
    public static byte[] ScartoEsitoCommittente(long id, string? numero, int? anno, string scarto, string? messageIdCommittente, string note, string messageId, X509Certificate2 signer) =>
        Write("ScartoEsitoCommittente", w =>
        {
            w.WriteElementString("IdentificativoSdI", Id(id));
            WriteInvoiceReference(w, numero, anno);

            w.WriteElementString("Scarto", scarto);
            w.WriteElementString("MessageId", messageId);
            if (!string.IsNullOrEmpty(messageIdCommittente))
            {
                w.WriteElementString("MessageIdCommittente", Trim(messageIdCommittente, 14));
            }

            w.WriteElementString("Note", note);
        }, signer);

    /// <summary>A test signing certificate (self-signed RSA 2048) made in memory; the private key is never written anywhere.</summary>
    public static X509Certificate2 CreateSigningCertificate(string commonName, DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=PenToscana, C=IT", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }
}
