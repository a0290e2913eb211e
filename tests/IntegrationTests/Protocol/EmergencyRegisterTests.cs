using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.IntegrationTests.Protocol;

/// <summary>The emergency register (DPR 445/2000 art. 63) through the administrator's pages.</summary>
public sealed partial class EmergencyRegisterTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Base = "/backoffice/c_d612/protocollo/emergenza";

    [Fact]
    public async Task An_administrator_opens_and_closes_an_emergency_register_and_its_entries_get_the_next_regular_numbers_linked_to_their_emergency_numbers()
    {
        using var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var (url, start) = await OpenAndCloseAsync(admin, "Interruzione della rete regionale");
        long before = await LastNumberAsync();

        var csv = Csv(
            $"1;{At(start, 5)};entrata;Domanda di contributo per l'affitto;Mario Rossi;RSSMRA80A01D612Y;cartaceo;;;",
            $"2;{At(start, 20)};uscita;Convocazione della commissione;Ditta Verdi Costruzioni;01234567897;pec;6;;convocazione.pdf",
            $"3;{At(start, 40)};interna;Nota interna sul blocco del sistema;;;;;;");
        var zip = Zip(("convocazione.pdf", ProtocolApiClient.Pdf("convocazione")));
        var page = await admin.GetStringAsync(url);
        var response = await admin.PostAsync(url + "?handler=Import", Upload(page, csv, zip));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var detail = await admin.GetStringAsync(url);
        var entries = await EntriesOfAsync(url);
        long first = entries[0].Number;
        first.ShouldBeGreaterThan(before);
        detail.ShouldContain($"3 registrazioni importate con i numeri {first:0000000}-{first + 2:0000000}");
        entries.Select(e => e.Number).ShouldBe([first, first + 1, first + 2], "regular numbers follow the emergency numbers' order, with no gap");
        entries.Select(e => e.EmergencyNumber![(e.EmergencyNumber!.IndexOf('/') + 1)..]).ShouldBe(["1", "2", "3"]);
        entries[0].EmergencyRecordedAt.ShouldBe(ParseAt(At(start, 5)));
        entries[0].RegisteredAt.ShouldBeGreaterThan(entries[0].EmergencyRecordedAt!.Value, "the regular registration is made at the import");
        entries[1].Documents.Single().Sha256.ShouldBe(ProtocolApiClient.Sha256(ProtocolApiClient.Pdf("convocazione")), "the scanned document from the ZIP is the entry's document");
        entries[0].Documents.Single().MediaType.ShouldBe("application/pdf", "without a scan, the transcript of the emergency record is the document");
        entries[1].Correspondents.Single().TaxCode.ShouldBe("01234567897");
        entries[2].Direction.ShouldBe(PenToscana.Contracts.Protocol.ProtocolDirection.Internal);
        (await admin.GetStringAsync($"/backoffice/protocollo/registrazioni/{entries[0].Id}")).ShouldContain("dal registro di emergenza n. EM-");

        // The same file again, plus the next number: the first three are recognised, only the fourth is registered.
        var again = Csv(
            $"1;{At(start, 5)};entrata;Domanda di contributo per l'affitto;Mario Rossi;RSSMRA80A01D612Y;cartaceo;;;",
            $"2;{At(start, 20)};uscita;Convocazione della commissione;Ditta Verdi Costruzioni;01234567897;pec;6;;convocazione.pdf",
            $"3;{At(start, 40)};interna;Nota interna sul blocco del sistema;;;;;;",
            $"4;{At(start, 50)};entrata;Esposto sul rumore notturno;Anna Neri;;cartaceo;;;");
        page = await admin.GetStringAsync(url);
        (await admin.PostAsync(url + "?handler=Import", Upload(page, again, zip))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync(url)).ShouldContain("3 righe erano già state importate");
        var all = await EntriesOfAsync(url);
        all.Count.ShouldBe(4);
        all.Take(3).Select(e => e.Id).ShouldBe(entries.Select(e => e.Id), "the entries imported before are untouched");
        all[3].Number.ShouldBeGreaterThan(all[2].Number);
        all[3].EmergencyNumber.ShouldEndWith("/4");
    }

    [Fact]
    public async Task A_file_with_bad_rows_or_a_gap_in_the_emergency_numbers_is_refused_whole_naming_each_problem_and_takes_no_number()
    {
        using var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var (url, start) = await OpenAndCloseAsync(admin, "Guasto del server");
        long before = await LastNumberAsync();

        var bad = Csv(
            $"1;{At(start, 5)};entrata;Domanda valida;Mario Rossi;RSSMRA80A01D612Y;;;;",
            $"2;{At(start, 10)};entrata;Codice fiscale sbagliato;Mario Rossi;RSSMRA80A01D612X;;;;",
            $"3;31/12/1999 10:00;entrata;Fuori periodo;Mario Rossi;;;;;",
            $"4;{At(start, 15)};sconosciuto;;;;;;;",
            $"5;{At(start, 20)};entrata;Manca la scansione;Mario Rossi;;;;;scansione.pdf");
        var page = await admin.GetStringAsync(url);
        var response = await admin.PostAsync(url + "?handler=Import", Upload(page, bad, null));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("nessuna registrazione è stata importata");
        html.ShouldContain("RSSMRA80A01D612X");
        html.ShouldContain("fuori dal periodo del registro");
        html.ShouldContain("non è entrata, uscita o interna");
        html.ShouldContain("l'oggetto è obbligatorio");
        (await EntriesOfAsync(url)).ShouldBeEmpty();

        var gap = Csv($"1;{At(start, 5)};entrata;Prima;Mario Rossi;;;;;", $"3;{At(start, 15)};entrata;Terza;Mario Rossi;;;;;");
        page = await admin.GetStringAsync(url);
        response = await admin.PostAsync(url + "?handler=Import", Upload(page, gap, null));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("Mancano i numeri di emergenza 2");

        var notCsv = Encoding.UTF8.GetBytes("numero;quando\n1;ieri\n");
        page = await admin.GetStringAsync(url);
        response = await admin.PostAsync(url + "?handler=Import", Upload(page, notCsv, null));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("Mancano le colonne obbligatorie data_ora, tipo, oggetto");

        (await EntriesOfAsync(url)).ShouldBeEmpty();
        (await LastNumberAsync()).ShouldBe(before, "a refused import consumes no number");
    }

    [Fact]
    public async Task Entries_cannot_be_imported_while_the_register_is_open_and_only_one_register_per_aoo_is_open_at_a_time()
    {
        using var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var url = await OpenAsync(admin, "Blackout elettrico", DateTime.UtcNow.AddMinutes(-30));
        var page = await admin.GetStringAsync(url);
        var response = await admin.PostAsync(url + "?handler=Import", Upload(page, Csv($"1;{At(DateTimeOffset.UtcNow, -10)};entrata;X;Y;;;;;"), null));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("prima di importarne le registrazioni");

        var list = await admin.GetStringAsync(Base);
        var second = await admin.PostAsync(Base, Fields(list, new() { ["Causa"] = "Secondo guasto", ["Inizio"] = Local(DateTime.UtcNow.AddMinutes(-5)) }));
        second.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()).ShouldContain("è già aperto un registro di emergenza");

        page = await admin.GetStringAsync(url);
        (await admin.PostAsync(url + "?handler=Close", Fields(page, new() { ["Ripristino"] = Local(DateTime.UtcNow) }))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_operator_who_is_not_an_administrator_sees_the_registers_but_cannot_open_one_and_another_body_cannot_see_them()
    {
        using var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var (url, _) = await OpenAndCloseAsync(admin, "Manutenzione straordinaria");
        using var operatore = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var list = await operatore.GetStringAsync(Base);
        list.ShouldContain("Manutenzione straordinaria");
        list.ShouldNotContain("Apri il registro di emergenza");
        var response = await operatore.PostAsync(Base, Fields(list, new() { ["Causa"] = "Tentativo", ["Inizio"] = Local(DateTime.UtcNow) }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/accesso-negato");
        (await CountRegistersAsync("Tentativo")).ShouldBe(0);

        using var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync(url.Replace("c_d612", "c_g999", StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<(string Url, DateTimeOffset Start)> OpenAndCloseAsync(HttpClient admin, string cause)
    {
        // Each test closes its register, so the AOO has none open for the next test.
        var start = DateTime.UtcNow.AddHours(-2);
        var url = await OpenAsync(admin, cause, start);
        var page = await admin.GetStringAsync(url);
        var closed = await admin.PostAsync(url + "?handler=Close", Fields(page, new() { ["Ripristino"] = Local(DateTime.UtcNow) }));
        closed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await closed.Content.ReadAsStringAsync());
        var startLocal = DateTime.ParseExact(Local(start), "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        return (url, new DateTimeOffset(startLocal, ItalianTime.Rome.GetUtcOffset(startLocal)).ToUniversalTime());
    }

    private static async Task<string> OpenAsync(HttpClient admin, string cause, DateTime startUtc)
    {
        var list = await admin.GetStringAsync(Base);
        var opened = await admin.PostAsync(Base, Fields(list, new() { ["Causa"] = cause, ["Inizio"] = Local(startUtc) }));
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect, await opened.Content.ReadAsStringAsync());
        var url = opened.Headers.Location!.ToString();
        url.ShouldStartWith(Base + "/");
        return url;
    }

    private async Task<List<ProtocolEntry>> EntriesOfAsync(string url)
    {
        var id = Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        return await db.Entries.IgnoreQueryFilters().AsNoTracking().Include(e => e.Documents).Include(e => e.Correspondents)
            .Where(e => e.EmergencyRegisterId == id).OrderBy(e => e.Number).ToListAsync();
    }

    private async Task<long> LastNumberAsync()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        var register = await db.Registers.IgnoreQueryFilters().AsNoTracking().Where(r => r.EnteIpa == "c_d612").OrderBy(r => r.CreatedAt).FirstAsync();
        int year = DateTimeOffset.UtcNow.ItalianDate().Year;
        return await db.Counters.AsNoTracking().Where(c => c.RegisterId == register.Id && c.Year == year).Select(c => c.LastNumber).FirstOrDefaultAsync();
    }

    private async Task<int> CountRegistersAsync(string cause)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtocolDb>().EmergencyRegisters.IgnoreQueryFilters().CountAsync(r => r.Cause == cause);
    }

    private static string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), ItalianTime.Rome).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>The Italian local time <paramref name="minutes"/> after <paramref name="start"/>, as the paper register writes it.</summary>
    private static string At(DateTimeOffset start, int minutes)
        => TimeZoneInfo.ConvertTime(start.AddMinutes(minutes), ItalianTime.Rome).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseAt(string text)
    {
        var local = DateTime.ParseExact(text, "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, ItalianTime.Rome.GetUtcOffset(local)).ToUniversalTime();
    }

    private static byte[] Csv(params string[] lines)
        => Encoding.UTF8.GetBytes("numero;data_ora;tipo;oggetto;corrispondente;codice_fiscale;canale;classificazione;protocollo_mittente;file\r\n" + string.Join("\r\n", lines) + "\r\n");

    private static byte[] Zip(params (string Name, byte[] Bytes)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private static MultipartFormDataContent Upload(string page, byte[] csv, byte[]? zip)
    {
        var content = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" } };
        content.Add(new ByteArrayContent(csv), "Registrazioni", "emergenza.csv");
        if (zip is not null)
        {
            content.Add(new ByteArrayContent(zip), "Documenti", "documenti.zip");
        }

        return content;
    }

    private static FormUrlEncodedContent Fields(string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Antiforgery.TokenFrom(page);
        return new FormUrlEncodedContent(fields);
    }
}
