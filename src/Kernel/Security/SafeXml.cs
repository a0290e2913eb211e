using System.Xml;
using System.Xml.Linq;

namespace PenToscana.Kernel.Security;

/// <summary>
/// Reading XML that comes from outside (SdI files and messages, SOAP bodies, segnature, SAML): DTDs prohibited (no external
/// entities, no entity expansion) and no resolver, so nothing is fetched and a DOCTYPE is an <see cref="XmlException"/>.
/// </summary>
public static class SafeXml
{
    /// <summary>
    /// New reader settings with DTDs prohibited and no resolver; a new object each call, so a caller may add its own
    /// options (schemas, whitespace, size limits, async) without affecting anyone else.
    /// </summary>
    public static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    /// <summary>An <see cref="XmlDocument"/> read from bytes (encoding from the BOM or declaration) with <see cref="ReaderSettings"/>.</summary>
    public static XmlDocument LoadXmlDocument(byte[] xml, bool preserveWhitespace = false)
    {
        var document = new XmlDocument { PreserveWhitespace = preserveWhitespace, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), ReaderSettings());
        document.Load(reader);
        return document;
    }

    /// <summary>An <see cref="XDocument"/> read from bytes (encoding from the BOM or declaration) with <see cref="ReaderSettings"/>.</summary>
    public static XDocument LoadXDocument(byte[] xml)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), ReaderSettings());
        return XDocument.Load(reader);
    }
}
