using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>The registro unico fatture read by the body's systems through the API: the page's filters, paging, and isolation.</summary>
public sealed class RegisterApiTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Register = "/api/invoicing/c_d612/registro";

    private static async Task<JsonElement> OkAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ProblemAsync(HttpClient api, string url, string expected)
    {
        var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(expected);
    }

    [Fact]
    public async Task The_body_reads_its_register_with_the_pages_filters_and_paging_and_the_required_fields()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var api = await platform.ApiClientAsync("c_d612", "api.invoicing");
        int before = (await OkAsync(api, Register)).GetProperty("totale").GetInt32();
        var first = await SuppliersAndPaymentsTests.UploadAsync(firenze, "400000201", SuppliersAndPaymentsTests.SampleWithIban("REG-1", vat: "01307110484"));
        var second = await SuppliersAndPaymentsTests.UploadAsync(firenze, "400000202", SuppliersAndPaymentsTests.SampleWithIban("REG-2", vat: "01307110484"));
        var other = await SuppliersAndPaymentsTests.UploadAsync(firenze, "400000203", SuppliersAndPaymentsTests.SampleWithIban("REG-3"));

        var all = await OkAsync(api, Register);
        all.GetProperty("totale").GetInt32().ShouldBe(before + 3);

        var bySupplier = await OkAsync(api, $"{Register}?fornitore=01307110484");
        bySupplier.GetProperty("totale").GetInt32().ShouldBe(2);
        var rows = bySupplier.GetProperty("righe").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("idFattura").GetGuid()).ShouldBe([second, first]); // newest first
        var row = rows[1];
        row.GetProperty("identificativoSdI").GetString().ShouldBe("400000201");
        row.GetProperty("numeroFattura").GetString().ShouldBe("REG-1");
        row.GetProperty("numeroRegistro").GetInt64().ShouldBeGreaterThan(0);
        row.GetProperty("protocollo").GetString().ShouldNotBeNullOrEmpty();
        row.GetProperty("fornitore").GetString().ShouldBe("ALPHA SRL");
        row.GetProperty("importo").GetDecimal().ShouldBe(6.10m);
        row.GetProperty("stato").GetString().ShouldBe("In attesa di esito");
        row.GetProperty("cig").GetString().ShouldBe("456def");
        row.GetProperty("statoPagamento").GetString().ShouldBe("non pagata");

        var paged = await OkAsync(api, $"{Register}?fornitore=01307110484&dimensione=1&pagina=2");
        paged.GetProperty("totale").GetInt32().ShouldBe(2);
        paged.GetProperty("pagine").GetInt32().ShouldBe(2);
        paged.GetProperty("righe").EnumerateArray().Single().GetProperty("idFattura").GetGuid().ShouldBe(first);

        var today = PenToscana.Kernel.Calendar.ItalianTime.TodayInItaly(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await OkAsync(api, $"{Register}?fornitore=01307110484&dal=2020-01-01&al=2020-12-31")).GetProperty("totale").GetInt32().ShouldBe(0);
        (await OkAsync(api, $"{Register}?stato=rifiutate&fornitore=01307110484")).GetProperty("totale").GetInt32().ShouldBe(0);
        (await OkAsync(api, $"{Register}?stato=attesa&fornitore=ALPHA&dal=2020-01-01")).GetProperty("righe").EnumerateArray()
            .Select(r => r.GetProperty("idFattura").GetGuid()).ShouldContain(other);

        // The page's operator reads the same register.
        var asOperator = await firenze.GetFromJsonAsync<JsonElement>($"{Register}?fornitore=01307110484");
        asOperator.GetProperty("totale").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Bad_filters_get_400_ProblemDetails_in_Italian()
    {
        var api = await platform.ApiClientAsync("c_d612", "api.invoicing");
        await ProblemAsync(api, $"{Register}?stato=boh", "Stato «boh» sconosciuto");
        await ProblemAsync(api, $"{Register}?dal=27/11/2026", "usare il formato AAAA-MM-GG");
        await ProblemAsync(api, $"{Register}?dal=2026-11-27&al=2026-11-01", "La data «dal» è successiva alla data «al».");
        await ProblemAsync(api, $"{Register}?dimensione=500", "«dimensione» deve essere un numero intero da 1 a 200.");
        await ProblemAsync(api, $"{Register}?pagina=0", "«pagina» deve essere un numero intero da 1 in su.");
        await ProblemAsync(api, $"{Register}?pagina=999", "La pagina 999 non esiste");
    }

    [Fact]
    public async Task Another_bodys_client_or_operator_gets_404_and_an_anonymous_caller_is_refused()
    {
        var prato = await platform.ApiClientAsync("c_g999", "api.invoicing");
        var response = await prato.GetAsync(Register);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Ente non trovato.");
        (await prato.GetAsync("/api/invoicing/c_g999/registro")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var pratoAdmin = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await pratoAdmin.GetAsync(Register)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = platform.CreateClient(new() { AllowAutoRedirect = false });
        (await anonymous.GetAsync(Register)).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect);
    }
}
