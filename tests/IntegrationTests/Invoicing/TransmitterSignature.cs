using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>
/// What a supplier's transmitter does before sending to SdI: signs the invoice (XAdES-BES) with its own certificate — here a
/// test certificate made once per run, valid from 2020 to 2035 so that fake clocks stay inside it.
/// </summary>
internal static class TransmitterSignature
{
    private static readonly Lazy<X509Certificate2> Certificate = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=ALPHA SRL, O=Fornitore di prova, C=IT", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
    });

    /// <summary>The XML invoice signed XAdES-BES; a file that already carries a signature, or is not XML, is returned as it is.</summary>
    public static byte[] Sign(byte[] file)
    {
        var text = Encoding.UTF8.GetString(file);
        if (!text.TrimStart('\uFEFF', ' ', '\r', '\n').StartsWith('<'))
        {
            return file;
        }

        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(file), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            document.Load(reader);
        }

        // The official samples declare the xmldsig namespace on the root without being signed: look for the element.
        if (document.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#").Count > 0)
        {
            return file;
        }

        XadesSigner.Sign(document, Certificate.Value, new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.Zero));
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }
}
