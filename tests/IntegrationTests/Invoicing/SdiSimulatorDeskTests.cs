using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>
/// The simulator page's transmitter desk: the platform administrator sends a file as an outside supplier does, and reads
/// and downloads the signed notifications SdI issued to that supplier.
/// </summary>
public sealed class SdiSimulatorDeskTests(SdiPlatform platform) : IClassFixture<SdiPlatform>
{
    private const string Page = "/admin/sdi-simulatore";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string name, byte[] file)
    {
        var page = await http.GetStringAsync(Page);
        using var form = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(TransmitterSignature.Sign(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        form.Add(content, "Documento", name);
        return await http.PostAsync(Page + "?handler=Invia", form);
    }

    [Fact]
    public async Task A_file_sent_from_the_desk_is_taken_in_charge_and_its_signed_notifications_are_listed_and_downloadable()
    {
        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var sent = await SendAsync(admin, "IT01234567897_DSK01.xml", InvoiceBackOfficeTests.Sample("ZZZZZZ", numero: "DSK-1"));
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());

        var page = await admin.GetStringAsync(Page);
        var id = long.Parse(System.Text.RegularExpressions.Regex.Match(page, "preso in carico da SdI con identificativo ([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        (await platform.ProcessedAsync(id)).State.ShouldBe(SdiSimFileState.Scartato);
        var ns = (await platform.MessagesAsync(id)).Single(m => m.Kind == "NS");

        page = await admin.GetStringAsync(Page);
        page.ShouldContain($"id=\"file-{id}\"");
        page.ShouldContain("Scartato (NS)");
        page.ShouldContain("Notifica di scarto");
        page.ShouldContain("00311");
        var download = await admin.GetAsync($"{Page}?handler=Notifica&id={ns.Id}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        download.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe(ns.NomeFile);
        var xml = await download.Content.ReadAsByteArrayAsync();
        SdiNotifications.VerifySignature(xml).ShouldBeTrue();
        Encoding.UTF8.GetString(xml).ShouldContain("<Codice>00311</Codice>");

        (await admin.GetAsync($"{Page}?handler=Notifica&id={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var original = (await platform.MessagesAsync(id)).First(m => m.Kind == "FILE");
        (await admin.GetAsync($"{Page}?handler=Notifica&id={original.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_that_is_not_an_invoice_is_refused_on_the_desk_with_an_Italian_message_and_nothing_is_received()
    {
        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var wrong = await SendAsync(admin, "fattura.pdf", "%PDF-1.4"u8.ToArray());
        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("Il file deve essere una fattura elettronica .xml o firmata .xml.p7m");

        var empty = await SendAsync(admin, "IT01234567897_DSK02.xml", []);
        empty.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Scegli il file della fattura da inviare");
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<InvoicingDb>().SdiSimFiles.AnyAsync(f => f.NomeFile == "fattura.pdf" || f.NomeFile == "IT01234567897_DSK02.xml")).ShouldBeFalse();
    }

    [Fact]
    public async Task Only_the_platform_administrator_sends_from_the_desk_or_downloads_a_notification()
    {
        long id = await platform.SendToSdiAsync("IT01234567897_DSK03.xml", InvoiceBackOfficeTests.Sample("ZZZZZZ", numero: "DSK-3"));
        await platform.ProcessedAsync(id);
        var ns = (await platform.MessagesAsync(id)).Single(m => m.Kind == "NS");

        using var operatorClient = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        (await operatorClient.GetAsync($"{Page}?handler=Notifica&id={ns.Id}")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Redirect);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(InvoiceBackOfficeTests.Sample("UFRTOS", numero: "DSK-4")), "Documento", "IT01234567897_DSK04.xml" } };
        var post = await operatorClient.PostAsync(Page + "?handler=Invia", form);
        post.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Redirect, HttpStatusCode.BadRequest);
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<InvoicingDb>().SdiSimFiles.AnyAsync(f => f.NomeFile == "IT01234567897_DSK04.xml")).ShouldBeFalse();
    }
}
