using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>A body's own system hands a received invoice to the platform through the API, as an operator would upload it.</summary>
public sealed class ReceiveInvoiceApiTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private static MultipartFormDataContent Form(string? sdiId, byte[]? file, string fileName = "IT01234567897_API01.xml")
    {
        var form = new MultipartFormDataContent();
        if (sdiId is not null)
        {
            form.Add(new StringContent(sdiId), "identificativoSdI");
        }

        if (file is not null)
        {
            form.Add(new ByteArrayContent(file), "file", fileName);
        }

        return form;
    }

    [Fact]
    public async Task An_invoice_posted_by_the_bodys_system_is_protocolled_registered_and_checked_like_an_upload()
    {
        using var region = await platform.ApiClientAsync("r_toscan", "api.invoicing");
        var response = await region.PostAsync("/api/invoicing/r_toscan/fatture", Form("770001", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "API-1")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("protocolNumber").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("registerNumbers").GetArrayLength().ShouldBe(1);
        var id = body.GetProperty("invoiceIds")[0].GetGuid();
        response.Headers.Location!.ToString().ShouldEndWith(id.ToString());

        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
        var invoice = await db.ReceivedInvoices.IgnoreQueryFilters().SingleAsync(i => i.Id == id);
        invoice.EnteIpa.ShouldBe("r_toscan");
        invoice.Numero.ShouldBe("API-1");
        invoice.IdentificativoSdI.ShouldBe("770001");
        (await db.Register.IgnoreQueryFilters().CountAsync(r => r.ReceivedInvoiceId == id)).ShouldBe(1);

        var register = await region.GetFromJsonAsync<JsonElement>("/api/invoicing/r_toscan/registro");
        register.GetRawText().ShouldContain("API-1");
    }

    [Fact]
    public async Task Bad_posts_get_an_italian_problem_and_leave_nothing_behind_and_another_body_gets_404()
    {
        using var region = await platform.ApiClientAsync("r_toscan", "api.invoicing");
        var cases = new (string Name, HttpContent Content, HttpStatusCode Status, string Expected)[]
        {
            ("no sdi id", Form(null, InvoiceBackOfficeTests.Sample("UFRTOS", numero: "BAD-1")), HttpStatusCode.UnprocessableEntity, "identificativoSdI"),
            ("letters in sdi id", Form("12AB", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "BAD-2")), HttpStatusCode.UnprocessableEntity, "solo cifre"),
            ("no file", Form("770002", null), HttpStatusCode.UnprocessableEntity, "Manca il file"),
            ("not an invoice name", Form("770003", Encoding.UTF8.GetBytes("ciao"), "lettera.txt"), HttpStatusCode.UnprocessableEntity, ".xml"),
            ("not xml", Form("770004", Encoding.UTF8.GetBytes("<FatturaElettronica")), HttpStatusCode.UnprocessableEntity, "Fattura non ricevuta"),
            ("another body's office", Form("770005", InvoiceBackOfficeTests.Sample("UFCFI1", numero: "BAD-5")), HttpStatusCode.UnprocessableEntity, "00311"),
            ("not multipart", JsonContent.Create(new { identificativoSdI = "770006" }), HttpStatusCode.UnsupportedMediaType, "multipart"),
        };
        foreach (var (name, content, status, expected) in cases)
        {
            var response = await region.PostAsync("/api/invoicing/r_toscan/fatture", content);
            response.StatusCode.ShouldBe(status, $"{name}: {await response.Content.ReadAsStringAsync()}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", name);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(expected, Case.Insensitive, name);
        }

        var elsewhere = await region.PostAsync("/api/invoicing/c_d612/fatture", Form("770007", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "BAD-7")));
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
        (await db.ReceivedInvoices.IgnoreQueryFilters().CountAsync(i => i.Numero != null && i.Numero.StartsWith("BAD-"))).ShouldBe(0);
    }
}
