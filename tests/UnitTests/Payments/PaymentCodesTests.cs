using PenToscana.Modules.Payments.Documents;
using PenToscana.Modules.Payments.Domain;
using ZXing;
using ZXing.Common;

namespace PenToscana.UnitTests.Payments;

public sealed class PaymentCodesTests
{
    private const string ReferenceDataMatrix =
        "codfase=NBPA;183471655864004651531200000123456710000001234538961P177777777777JHNDOE00A01F205NJOHN DOE                                TASSA AUTOMOBILISTICA 2025 TARGA AB123CD                                                                                  A";

    [Fact]
    public void The_qr_payload_matches_the_reference_example()
        => PaymentCodes.QrPayload("347165586400465153", "77777777777", 12345).ShouldBe("PAGOPA|002|347165586400465153|77777777777|12345");

    [Fact]
    public void The_poste_data_matrix_payload_matches_the_reference_example_character_for_character()
    {
        var payload = PaymentCodes.PosteDataMatrix("347165586400465153", "1234567", 12345, "77777777777", "JHNDOE00A01F205N", "JOHN DOE", "TASSA AUTOMOBILISTICA 2025 TARGA AB123CD");
        payload.ShouldBe(ReferenceDataMatrix);
        payload.Length.ShouldBe(256);
        payload.Substring(15, 18).ShouldBe("347165586400465153");
        payload.Substring(49, 10).ShouldBe("0000012345");
        payload.Substring(66, 11).ShouldBe("77777777777");
    }

    [Fact]
    public void The_printed_qr_code_decodes_to_the_pagopa_payload()
    {
        var payload = PaymentCodes.QrPayload("347165586400465153", "77777777777", 12345);
        Decode(Barcodes.QrModules(payload), BarcodeFormat.QR_CODE).ShouldBe(payload);
    }

    [Fact]
    public void The_printed_data_matrix_decodes_to_the_poste_payload()
        => Decode(Barcodes.DataMatrixModules(ReferenceDataMatrix), BarcodeFormat.DATA_MATRIX).ShouldBe(ReferenceDataMatrix);

    [Fact]
    public void Accented_names_are_folded_to_ascii_in_the_data_matrix_and_keep_its_length()
    {
        var payload = PaymentCodes.PosteDataMatrix("347165586400465153", "1234567", 100, "77777777777", "RSSMRA80A01D612Y", "Niccolò Pèrez", "Attività");
        payload.Length.ShouldBe(256);
        payload.ShouldContain("Niccolo Perez");
    }

    [Theory]
    [InlineData(1, "0.01")]
    [InlineData(12345, "123.45")]
    [InlineData(99_999_999_999, "999999999.99")]
    public void Soap_amounts_are_euro_with_two_decimals(long cents, string text)
    {
        PaymentCodes.SoapAmount(cents).ShouldBe(text);
        PaymentCodes.ParseSoapAmount(text).ShouldBe(cents);
    }

    internal static string Decode(bool[,] modules, BarcodeFormat format)
    {
        var (pixels, w, h) = Barcodes.Raster(modules, 4);
        var reader = new BarcodeReaderGeneric
        {
            Options = new DecodingOptions { PossibleFormats = [format], TryHarder = true, PureBarcode = true },
        };
        var result = reader.Decode(new RGBLuminanceSource(pixels, w, h, RGBLuminanceSource.BitmapFormat.Gray8));
        return result.ShouldNotBeNull().Text;
    }
}
