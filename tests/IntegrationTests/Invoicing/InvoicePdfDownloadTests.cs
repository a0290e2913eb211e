using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PdfSharp.Pdf.IO;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>The PDF of a received or issued invoice: from its back-office page and from the body's API, for that body only.</summary>
public sealed class InvoicePdfDownloadTests(SdiPlatform platform) : IClassFixture<SdiPlatform>
{
    /// <summary>A PDF that PDFsharp re-opens, or the test fails; returns its page count.</summary>
    private static async Task<int> PdfAsync(HttpResponseMessage response, string expectedName)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe(expectedName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        using var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        return document.PageCount;
    }

    [Fact]
    public async Task A_received_invoice_is_downloaded_as_PDF_from_its_page_and_from_the_API_and_another_body_gets_404()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await SuppliersAndPaymentsTests.UploadAsync(firenze, "400000091", SuppliersAndPaymentsTests.SampleWithIban("PDF-1"));

        var detail = await firenze.GetStringAsync($"/backoffice/c_d612/fatture/{id}");
        detail.ShouldContain($"/backoffice/c_d612/fatture/{id}?handler=pdf");
        (await PdfAsync(await firenze.GetAsync($"/backoffice/c_d612/fatture/{id}?handler=pdf"), "IT01234567897_00001.pdf")).ShouldBeGreaterThanOrEqualTo(1);

        var api = await platform.ApiClientAsync("c_d612", "api.invoicing");
        await PdfAsync(await api.GetAsync($"/api/invoicing/c_d612/fatture/{id}/pdf"), "IT01234567897_00001.pdf");

        var prato = await platform.ApiClientAsync("c_g999", "api.invoicing");
        var other = await prato.GetAsync($"/api/invoicing/c_d612/fatture/{id}/pdf");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await other.Content.ReadAsStringAsync()).ShouldContain("Fattura non trovata.");
        (await prato.GetAsync($"/api/invoicing/c_g999/fatture/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/invoicing/c_d612/fatture/{Guid.NewGuid()}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var pratoAdmin = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await pratoAdmin.GetAsync($"/backoffice/c_d612/fatture/{id}?handler=pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await pratoAdmin.GetAsync($"/backoffice/c_g999/fatture/{id}?handler=pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = platform.CreateClient(new() { AllowAutoRedirect = false });
        (await anonymous.GetAsync($"/api/invoicing/c_d612/fatture/{id}/pdf")).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_issued_and_signed_invoice_is_downloaded_as_PDF_from_its_page_and_from_the_API_and_another_body_gets_404()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var issued = await firenze.PostAsJsonAsync("/api/invoicing/c_d612/fatture-emesse", new
        {
            codiceUfficio = "UFRTOS", descrizione = "Servizio di trasporto scolastico, ottobre", imponibile = 1000.00m, aliquotaIva = 22m, cig = "ZAB1234567",
        });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var json = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var id = json.GetProperty("id").GetGuid();
        var pdfName = json.GetProperty("nomeFile").GetString()!.Split('.')[0] + ".pdf";

        (await firenze.GetStringAsync($"/backoffice/c_d612/fatture-emesse/{id}")).ShouldContain($"/backoffice/c_d612/fatture-emesse/{id}?handler=pdf");
        await PdfAsync(await firenze.GetAsync($"/backoffice/c_d612/fatture-emesse/{id}?handler=pdf"), pdfName);
        var api = await platform.ApiClientAsync("c_d612", "api.invoicing");
        await PdfAsync(await api.GetAsync($"/api/invoicing/c_d612/fatture-emesse/{id}/pdf"), pdfName);

        var prato = await platform.ApiClientAsync("c_g999", "api.invoicing");
        (await prato.GetAsync($"/api/invoicing/c_d612/fatture-emesse/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var pratoAdmin = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await pratoAdmin.GetAsync($"/backoffice/c_d612/fatture-emesse/{id}?handler=pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
