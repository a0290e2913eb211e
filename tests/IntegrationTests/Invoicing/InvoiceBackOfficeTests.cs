using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>The invoice back office through its pages: upload, registro unico (list, CSV, print), detail, accept and refuse.</summary>
public sealed class InvoiceBackOfficeTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Register = "/backoffice/c_d612/fatture";

    /// <summary>An official sample addressed to a billing office, with check-digit-correct identifiers.</summary>
    internal static byte[] Sample(string codiceUfficio, string sample = "IT01234567890_FPA01.xml", string? numero = null)
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Invoicing", "Samples", sample))
            .Replace("01234567890", "01234567897", StringComparison.Ordinal)
            .Replace("09876543210", "80000000002", StringComparison.Ordinal)
            .Replace("<CodiceDestinatario>AAAAAA</CodiceDestinatario>", $"<CodiceDestinatario>{codiceUfficio}</CodiceDestinatario>", StringComparison.Ordinal);
        if (numero is not null)
        {
            xml = xml.Replace("<Numero>123</Numero>", $"<Numero>{numero}</Numero>", StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(xml);
    }

    /// <summary>Uploads through the page the way a browser does (antiforgery token from the form, multipart body).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string sdiId, byte[] file, string name = "IT01234567897_00001.xml", string ipa = "c_d612")
    {
        var page = await http.GetStringAsync($"/backoffice/{ipa}/fatture/carica");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new StringContent(sdiId), "IdentificativoSdI" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        form.Add(content, "Documento", name);
        return await http.PostAsync($"/backoffice/{ipa}/fatture/carica", form);
    }

    private async Task<Guid> UploadedAsync(HttpClient http, string sdiId, string numero)
    {
        var response = await UploadAsync(http, sdiId, Sample("UFCFI1", numero: numero));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private async Task<ReceivedInvoice> ReadAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    [Fact]
    public async Task An_uploaded_invoice_is_protocolled_and_listed_in_the_register_with_its_countdown()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadedAsync(http, "300000001", "REG-1");

        var detail = await http.GetStringAsync($"{Register}/{id}");
        detail.ShouldContain("Fattura ricevuta, protocollata con il n.");
        detail.ShouldContain("Caricata manualmente da " + Personas.FirenzeOperator);
        detail.ShouldContain("ALPHA SRL");
        detail.ShouldContain("Riepilogo IVA"); // the rendered invoice

        var list = await http.GetStringAsync(Register);
        list.ShouldContain($"href=\"{Register}/{id}\"");
        list.ShouldContain("300000001");
        list.ShouldContain("REG-1");
        list.ShouldContain("In attesa di esito");
        list.ShouldContain("15 giorni");
        var invoice = await ReadAsync(id);
        invoice.Channel.ShouldBe("upload");
        invoice.ProtocolNumber.ShouldNotBeNull();
        list.ShouldContain(invoice.ProtocolNumber);

        var filtered = await http.GetStringAsync(Register + "?stato=rifiutate");
        filtered.ShouldNotContain("300000001");
        (await http.GetStringAsync(Register + "?fornitore=01234567897")).ShouldContain("300000001");
        (await http.GetStringAsync(Register + "?fornitore=nessuno")).ShouldContain("Nessuna fattura corrisponde ai criteri.");
    }

    [Fact]
    public async Task The_CSV_export_and_the_printable_register_contain_the_register_row()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadedAsync(http, "300000002", "CSV-7");
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var entry = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().Register.AsNoTracking().SingleAsync(r => r.ReceivedInvoiceId == id);
            var invoice = await ReadAsync(id);

            var csv = await http.GetAsync(Register + "?handler=csv");
            csv.StatusCode.ShouldBe(HttpStatusCode.OK);
            csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
            var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            lines[0].ShouldStartWith("anno;numero_registro;data_registrazione;identificativo_sdi;protocollo;fornitore;");
            var row = lines.Single(l => l.Contains(";300000002;", StringComparison.Ordinal));
            row.ShouldStartWith($"{entry.Year};{entry.Number};");
            row.ShouldContain($";{invoice.ProtocolNumber};ALPHA SRL;IT01234567897;CSV-7;");
            row.ShouldContain(";6,10;");
            row.ShouldContain(";456def;");
            row.ShouldContain(";In attesa di esito;");
        }

        var print = await http.GetStringAsync(Register + "/stampa");
        print.ShouldContain("Registro unico delle fatture");
        print.ShouldContain("CSV-7");
        print.ShouldNotContain("it-header-wrapper");
    }

    [Fact]
    public async Task Refusing_without_a_reason_shows_the_Italian_errors_and_changes_nothing()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadedAsync(http, "300000003", "NR-1");
        var url = $"{Register}/{id}";

        var response = await http.PostFormAsync(url, url + "?handler=Refuse", new Dictionary<string, string> { ["Motivo"] = "", ["Motivazione"] = "" });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Scegli il motivo del rifiuto tra quelli ammessi dal DM 132/2020.");
        html.ShouldContain("Scrivi la motivazione del rifiuto");

        var notInList = await http.PostFormAsync(url, url + "?handler=Refuse", new Dictionary<string, string> { ["Motivo"] = "PREZZO", ["Motivazione"] = "Il prezzo è più alto di quello pattuito" });
        notInList.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await notInList.Content.ReadAsStringAsync()).ShouldContain("Scegli il motivo del rifiuto");

        var invoice = await ReadAsync(id);
        invoice.Status.ShouldBe(ReceivedInvoiceStatus.Received);
        invoice.OutcomeAt.ShouldBeNull();
        invoice.OutcomeMessageSha256.ShouldBeNull();
        (await http.GetAsync(url + "?handler=esito")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Refusing_with_a_DM_132_reason_changes_the_status_and_produces_the_EC02_notification()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadedAsync(http, "300000004", "RF-1");
        var url = $"{Register}/{id}";

        var response = await http.PostFormAsync(url, url + "?handler=Refuse",
            new Dictionary<string, string> { ["Motivo"] = "CIG_CUP", ["Motivazione"] = "Il CIG 456def non corrisponde al contratto n. 12/2026" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await http.GetStringAsync(url);
        page.ShouldContain("Fattura rifiutata: è stata prodotta la notifica di esito EC02.");
        page.ShouldContain("Rifiutata (EC02)");
        page.ShouldContain("Omessa o errata indicazione del CIG o del CUP: Il CIG 456def non corrisponde al contratto n. 12/2026");
        page.ShouldNotContain("Rifiuta la fattura</button>");

        var invoice = await ReadAsync(id);
        invoice.Status.ShouldBe(ReceivedInvoiceStatus.Refused);
        invoice.OutcomeReason.ShouldBe("CIG_CUP");
        invoice.OutcomeBy.ShouldBe(Personas.FirenzeOperator);
        var message = await http.GetStringAsync(url + "?handler=esito");
        message.ShouldContain("<Esito>EC02</Esito>");
        message.ShouldContain("<IdentificativoSdI>300000004</IdentificativoSdI>");
        message.ShouldContain("<NumeroFattura>RF-1</NumeroFattura>");
        SdiMessagesValid(message);

        (await http.GetStringAsync(Register + "?stato=rifiutate")).ShouldContain("RF-1");
        // A second outcome (posted with a token from another invoice's form: the refused one shows no form any more) is refused.
        var other = await UploadedAsync(http, "300000005", "AC-1");
        var again = await http.PostFormAsync($"{Register}/{other}", $"{Register}/{id}?handler=Accept", new Dictionary<string, string>());
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("L&#x27;esito di questa fattura è già stato inviato.");
        (await ReadAsync(id)).Status.ShouldBe(ReceivedInvoiceStatus.Refused);
    }

    private static void SdiMessagesValid(string xml)
        => PenToscana.Modules.Invoicing.Engine.SdiMessages.Validate(Encoding.UTF8.GetBytes(xml)).ShouldBeEmpty();

    [Fact]
    public async Task A_file_addressed_to_another_body_or_not_an_invoice_is_refused_with_a_reason_and_nothing_is_stored()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var elsewhere = await UploadAsync(http, "300000006", Sample("UFCPO1"));
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await elsewhere.Content.ReadAsStringAsync()).ShouldContain("non è indirizzata a un ufficio di fatturazione di questo ente");

        var garbage = await UploadAsync(http, "300000007", "<FatturaElettronica><troncata"u8.ToArray());
        garbage.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await garbage.Content.ReadAsStringAsync()).ShouldContain("Fattura non ricevuta");

        var noId = await UploadAsync(http, "12ab", Sample("UFCFI1"));
        noId.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noId.Content.ReadAsStringAsync()).ShouldContain("Indica l&#x27;identificativo SdI");

        var pdf = await UploadAsync(http, "300000008", Sample("UFCFI1"), "fattura.pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.IgnoreQueryFilters()
            .CountAsync(i => i.IdentificativoSdI == "300000006" || i.IdentificativoSdI == "300000007" || i.IdentificativoSdI == "300000008")).ShouldBe(0);
    }

    [Fact]
    public async Task An_operator_of_another_body_gets_404_on_the_register_and_on_the_invoice()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadedAsync(firenze, "300000009", "ISO-1");
        using var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);

        foreach (var url in new[]
        {
            Register, Register + "?handler=csv", Register + "/stampa", Register + "/carica", $"{Register}/{id}", $"{Register}/{id}?handler=file",
            $"/backoffice/c_g999/fatture/{id}", $"/backoffice/c_g999/fatture/{id}?handler=file",
        })
        {
            (await prato.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        (await prato.GetAsync("/backoffice/c_g999/fatture")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await prato.GetStringAsync("/backoffice/c_g999/fatture")).ShouldNotContain("ISO-1");
        using var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        (await citizen.GetAsync($"{Register}/{id}")).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await ReadAsync(id)).Status.ShouldBe(ReceivedInvoiceStatus.Received);
    }
}
