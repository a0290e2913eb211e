using System.Text;
using System.Xml;
using PenToscana.Kernel.Security;

namespace PenToscana.UnitTests.Kernel.Security;

public sealed class SafeXmlTests
{
    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        ]>
        <lolz>&lol4;</lolz>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <foo>&xxe;</foo>
        """;

    private const string ExternalDtd = """<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a/>""";

    private const string Plain = """
        <?xml version="1.0" encoding="UTF-8"?>
        <p:Fattura xmlns:p="urn:test"><Numero>42</Numero> <Note>à è</Note></p:Fattura>
        """;

    private static void ReadToEnd(string xml, XmlReaderSettings settings)
    {
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
    }

    [Fact]
    public void The_reader_settings_prohibit_DTDs()
        => SafeXml.ReaderSettings().DtdProcessing.ShouldBe(DtdProcessing.Prohibit);

    [Theory]
    [InlineData(BillionLaughs)]
    [InlineData(ExternalEntity)]
    [InlineData(ExternalDtd)]
    public void A_document_with_a_DOCTYPE_is_refused_by_the_reader_settings(string xml)
        => Should.Throw<XmlException>(() => ReadToEnd(xml, SafeXml.ReaderSettings())).Message.ShouldContain("DTD");

    [Theory]
    [InlineData(BillionLaughs)]
    [InlineData(ExternalEntity)]
    public void A_document_with_a_DOCTYPE_is_refused_by_both_loaders(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);

        Should.Throw<XmlException>(() => SafeXml.LoadXmlDocument(bytes));
        Should.Throw<XmlException>(() => SafeXml.LoadXmlDocument(bytes, preserveWhitespace: true));
        Should.Throw<XmlException>(() => SafeXml.LoadXDocument(bytes));
    }

    [Fact]
    public void A_plain_document_is_read_by_the_settings_and_both_loaders()
    {
        var bytes = Encoding.UTF8.GetBytes(Plain);

        ReadToEnd(Plain, SafeXml.ReaderSettings());
        SafeXml.LoadXmlDocument(bytes).SelectSingleNode("//Numero")!.InnerText.ShouldBe("42");
        SafeXml.LoadXDocument(bytes).Root!.Element("Note")!.Value.ShouldBe("à è");
    }

    [Fact]
    public void Whitespace_between_elements_is_kept_only_when_asked()
    {
        var bytes = Encoding.UTF8.GetBytes(Plain);

        SafeXml.LoadXmlDocument(bytes).DocumentElement!.ChildNodes.Count.ShouldBe(2);
        SafeXml.LoadXmlDocument(bytes, preserveWhitespace: true).DocumentElement!.ChildNodes.Count.ShouldBe(3);
    }

    [Fact]
    public void Each_call_gives_new_settings_so_a_caller_changing_them_affects_no_one_else()
    {
        var first = SafeXml.ReaderSettings();
        first.DtdProcessing = DtdProcessing.Parse;
        first.IgnoreWhitespace = true;

        var second = SafeXml.ReaderSettings();

        second.ShouldNotBeSameAs(first);
        second.DtdProcessing.ShouldBe(DtdProcessing.Prohibit);
        second.IgnoreWhitespace.ShouldBeFalse();
    }
}
