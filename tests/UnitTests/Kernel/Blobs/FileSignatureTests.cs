using System.Text;
using PenToscana.Kernel.Blobs;

namespace PenToscana.UnitTests.Kernel.Blobs;

public sealed class FileSignatureTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, FileSignature.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46 }, FileSignature.Jpeg)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, FileSignature.WebP)]
    public void Images_are_recognised_by_their_magic_bytes(byte[] header, string expected)
        => FileSignature.Detect(header).ShouldBe(expected);

    [Fact]
    public void A_pdf_and_an_xml_file_with_or_without_bom_are_recognised()
    {
        FileSignature.Detect("%PDF-1.7\n"u8).ShouldBe(FileSignature.Pdf);
        FileSignature.Detect("<?xml version=\"1.0\"?>"u8).ShouldBe(FileSignature.Xml);
        FileSignature.Detect([0xEF, 0xBB, 0xBF, .. "<?xml version"u8]).ShouldBe(FileSignature.Xml);
    }

    [Fact]
    public void A_script_renamed_as_an_image_is_not_recognised()
    {
        FileSignature.Detect(Encoding.UTF8.GetBytes("<svg onload=alert(1)>")).ShouldBeNull();
        FileSignature.Detect("MZ\x90\0"u8).ShouldBeNull();
        FileSignature.Detect([]).ShouldBeNull();
    }

    [Fact]
    public async Task Detection_on_a_stream_rewinds_it_for_the_caller()
    {
        using var stream = new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        (await FileSignature.DetectAsync(stream, TestContext.Current.CancellationToken)).ShouldBe(FileSignature.Png);
        stream.Position.ShouldBe(0);
    }
}
