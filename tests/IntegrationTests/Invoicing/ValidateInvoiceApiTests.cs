using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Invoicing;

public sealed class ValidateInvoiceApiTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private static string Sample(string name) =>
        Path.Combine(AppContext.BaseDirectory, "Invoicing", "Samples", name);

    private static MultipartFormDataContent Upload(string fileName, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        return new MultipartFormDataContent { { content, "file", fileName } };
    }

    [Fact]
    public async Task An_operator_uploading_FPR03_gets_the_sdi_findings_with_codes_and_paths()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        using var form = Upload("IT01234567890_FPR03.xml", await File.ReadAllBytesAsync(Sample("IT01234567890_FPR03.xml")));
        var response = await http.PostAsync("/api/invoicing/validate", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var issues = await response.Content.ReadFromJsonAsync<JsonElement>();
        var codes = issues.EnumerateArray().Select(i => i.GetProperty("code").GetString()).Order().ToList();
        codes.ShouldBe(["00300", "00301", "00306", "00422"]);
        var taxable = issues.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "00422");
        taxable.GetProperty("path").GetString().ShouldBe("/FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi[1]/DatiRiepilogo[1]/ImponibileImporto");
        taxable.GetProperty("message").GetString()!.ShouldContain("ImponibileImporto");
    }

    [Fact]
    public async Task A_file_with_a_dtd_is_answered_with_00200_and_not_processed()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        using var form = Upload("IT01234567897_00001.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"u8.ToArray());
        var response = await http.PostAsync("/api/invoicing/validate", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("00200");
        body.ShouldNotContain("root:");
    }

    [Fact]
    public async Task A_request_without_a_file_gets_an_italian_problem()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        var response = await http.PostAsync("/api/invoicing/validate", form);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("Nessun file");
    }

    [Fact]
    public async Task An_anonymous_caller_cannot_use_the_validator()
    {
        using var http = platform.CreateClient(new() { AllowAutoRedirect = false });
        using var form = Upload("IT01234567890_FPR03.xml", await File.ReadAllBytesAsync(Sample("IT01234567890_FPR03.xml")));
        var response = await http.PostAsync("/api/invoicing/validate", form);
        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_citizen_cannot_use_the_validator()
    {
        using var http = await platform.SignedInClientAsync(Personas.CitizenMario);
        using var form = Upload("IT01234567890_FPR03.xml", await File.ReadAllBytesAsync(Sample("IT01234567890_FPR03.xml")));
        var response = await http.PostAsync("/api/invoicing/validate", form);
        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_operator_gets_a_readable_rendering_of_a_lotto_with_both_invoices()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        using var form = Upload("IT01234567890_FPR03.xml", await File.ReadAllBytesAsync(Sample("IT01234567890_FPR03.xml")));
        var response = await http.PostAsync("/api/invoicing/render", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("SOCIETA&#39; ALPHA SRL");
        html.ShouldContain("Documento n. 123 del 18/12/2014");
        html.ShouldContain("Documento n. 456 del 20/12/2014");
        html.ShouldContain("TD01 – Fattura");
        html.ShouldContain("2.000,00");
    }
}
