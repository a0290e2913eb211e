using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Protocol.Data;
using Microsoft.EntityFrameworkCore;
using static PenToscana.IntegrationTests.Protocol.ProtocolApiClient;

namespace PenToscana.IntegrationTests.Protocol;

public sealed class ProtocolApiFactory : PlatformFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Protocol:MaxFileBytes"] = "20000" };
}

public sealed class ProtocolApiTests(ProtocolApiFactory platform) : IClassFixture<ProtocolApiFactory>
{
    private static readonly object Incoming = new
    {
        direction = "incoming",
        subject = "Richiesta di accesso civico generalizzato",
        correspondents = new[] { new { name = "Mario Rossi", taxCode = "RSSMRA80A01D612Y", digitalAddress = "mario.rossi@pec.example.it" } },
        channel = "pec",
        senderReference = "prot. 12 del 20/11/2026",
    };

    [Fact]
    public async Task A_body_client_registers_a_document_with_attachments_and_gets_201_with_number_and_fingerprints()
    {
        using var api = await ForBodyAsync(platform, "c_d612");
        var document = Pdf("istanza firmata");
        var attachment = Pdf("documento di identita");

        var response = await api.PostAsync("/api/protocol/c_d612/entries", Registration(Incoming, document, "istanza.pdf", ("identita.pdf", attachment)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("numberText").GetString()!.Length.ShouldBe(7);
        body.GetProperty("year").GetInt32().ShouldBeGreaterThan(2000);
        var fingerprints = body.GetProperty("fingerprints").EnumerateArray().Select(f => f.GetProperty("sha256").GetString()).ToList();
        fingerprints.ShouldBe([Sha256(document), Sha256(attachment)]);
        response.Headers.Location!.ToString().ShouldStartWith("/api/protocol/c_d612/entries/");

        var entry = await api.GetFromJsonAsync<JsonElement>(body.GetProperty("links").GetProperty("self").GetString());
        entry.GetProperty("subject").GetString().ShouldBe("Richiesta di accesso civico generalizzato");
        entry.GetProperty("correspondents")[0].GetProperty("taxCode").GetString().ShouldBe("RSSMRA80A01D612Y");
        entry.GetProperty("history")[0].GetProperty("kind").GetString().ShouldBe("registrazione");
    }

    [Fact]
    public async Task The_segnatura_of_an_entry_validates_against_the_agid_2021_schema_and_carries_the_fingerprints()
    {
        using var api = await ForBodyAsync(platform, "c_d612");
        var document = Pdf("per la segnatura");
        var created = await (await api.PostAsync("/api/protocol/c_d612/entries", Registration(Incoming, document))).Content.ReadFromJsonAsync<JsonElement>();

        var response = await api.GetAsync(created.GetProperty("links").GetProperty("segnatura").GetString());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(), LoadOptions.PreserveWhitespace);
        var errors = new List<string>();
        xml.Validate(ReferenceSchemas(), (_, e) => errors.Add(e.Message));
        errors.ShouldBeEmpty();
        XNamespace p = "http://www.agid.gov.it/protocollo/";
        xml.Descendants(p + "NumeroRegistrazione").Single().Value.ShouldBe(created.GetProperty("numberText").GetString());
        xml.Descendants(p + "CodiceAmministrazione").Single().Value.ShouldBe("c_d612");
        xml.Descendants(p + "Impronta").First().Value.ShouldBe(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(document)));
        xml.Descendants(p + "Mittente").Single().Descendants(p + "CodiceFiscale").Single().Value.ShouldBe("RSSMRA80A01D612Y");
    }

    [Fact]
    public async Task The_receipt_is_a_pdf_naming_the_body_number_and_fingerprint()
    {
        using var api = await ForBodyAsync(platform, "c_d612");
        var created = await (await api.PostAsync("/api/protocol/c_d612/entries", Registration(Incoming, Pdf("ricevuta")))).Content.ReadFromJsonAsync<JsonElement>();

        var response = await api.GetAsync(created.GetProperty("links").GetProperty("receipt").GetString());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        bytes.Length.ShouldBeGreaterThan(2000);
    }

    [Fact]
    public async Task An_incoming_segnatura_from_another_aoo_prefills_an_incoming_entry()
    {
        using var prato = await ForBodyAsync(platform, "c_g999");
        var outgoing = new { direction = "outgoing", subject = "Trasmissione parere di competenza", correspondents = new[] { new { name = "Comune di Firenze", ipaCode = "c_d612" } } };
        var document = Pdf("parere");
        var created = await (await prato.PostAsync("/api/protocol/c_g999/entries", Registration(outgoing, document))).Content.ReadFromJsonAsync<JsonElement>();
        var segnatura = await prato.GetStringAsync(created.GetProperty("links").GetProperty("segnatura").GetString());

        using var firenze = await ForBodyAsync(platform, "c_d612");
        var response = await firenze.PostAsync("/api/protocol/c_d612/segnatura-imports", new StringContent(segnatura, System.Text.Encoding.UTF8, "application/xml"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
        draft.GetProperty("subject").GetString().ShouldBe("Trasmissione parere di competenza");
        draft.GetProperty("senderAdministration").GetString().ShouldBe("c_g999");
        draft.GetProperty("senderNumber").GetString().ShouldBe(created.GetProperty("numberText").GetString());
        draft.GetProperty("sender").GetProperty("ipaCode").GetString().ShouldBe("c_g999");
        draft.GetProperty("files")[0].GetProperty("sha256").GetString().ShouldBe(Sha256(document));
        draft.GetProperty("schemaWarnings").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_segnatura_with_a_dtd_is_refused()
    {
        using var api = await ForBodyAsync(platform, "c_d612");
        const string evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";

        var response = await api.PostAsync("/api/protocol/c_d612/segnatura-imports", new StringContent(evil, System.Text.Encoding.UTF8, "application/xml"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("root:");
    }

    [Fact]
    public async Task Annulment_keeps_the_entry_visible_with_its_values_and_marks_it()
    {
        using var api = await ForBodyAsync(platform, "c_d612");
        var created = await (await api.PostAsync("/api/protocol/c_d612/entries", Registration(Incoming, Pdf("da annullare")))).Content.ReadFromJsonAsync<JsonElement>();
        string self = created.GetProperty("links").GetProperty("self").GetString()!;
        string annul = self.Replace("?aoo=", "/annulment?aoo=", StringComparison.Ordinal);

        var missing = await api.PostAsJsonAsync(annul, new { reason = "", authorisingAct = "" });
        var done = await api.PostAsJsonAsync(annul, new { reason = "Documento protocollato due volte", authorisingAct = "Autorizzazione del responsabile n. 5/2026" });
        var again = await api.PostAsJsonAsync(annul, new { reason = "Di nuovo", authorisingAct = "n. 6/2026" });

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var entry = await api.GetFromJsonAsync<JsonElement>(self);
        entry.GetProperty("subject").GetString().ShouldBe("Richiesta di accesso civico generalizzato");
        entry.GetProperty("annulment").GetProperty("authorisingAct").GetString().ShouldBe("Autorizzazione del responsabile n. 5/2026");
        entry.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()).ShouldBe(["registrazione", "annullamento"]);
    }

    [Fact]
    public async Task Search_pages_through_the_register_by_subject_text_and_tax_code()
    {
        using var api = await ForBodyAsync(platform, "usl_tc");
        for (int i = 0; i < 5; i++)
        {
            var metadata = new { direction = "incoming", subject = $"Esenzione ticket per reddito, pratica {i}", correspondents = new[] { new { name = "Laura Franchi", taxCode = i % 2 == 0 ? "FRNLRA90B41G999V" : "RSSMRA80A01D612Y" } } };
            (await api.PostAsync("/api/protocol/usl_tc/entries", Registration(metadata, Pdf($"esenzione {i}")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var page1 = await api.GetFromJsonAsync<JsonElement>("/api/protocol/usl_tc/entries?q=ESENZIONE%20TICKET&pageSize=2&page=1");
        var page3 = await api.GetFromJsonAsync<JsonElement>("/api/protocol/usl_tc/entries?q=esenzione%20ticket&pageSize=2&page=3");
        var byTaxCode = await api.GetFromJsonAsync<JsonElement>("/api/protocol/usl_tc/entries?correspondent=frnlra90b41g999v");
        var byDate = await api.GetFromJsonAsync<JsonElement>($"/api/protocol/usl_tc/entries?from=2000-01-01&to=2000-12-31");

        page1.GetProperty("total").GetInt32().ShouldBe(5);
        page1.GetProperty("items").GetArrayLength().ShouldBe(2);
        page3.GetProperty("items").GetArrayLength().ShouldBe(1);
        byTaxCode.GetProperty("total").GetInt32().ShouldBe(3);
        byDate.GetProperty("total").GetInt32().ShouldBe(0);
        (await api.GetAsync("/api/protocol/usl_tc/entries?from=ieri")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Subject_search_finds_every_word_in_any_order_and_across_punctuation()
    {
        using var api = await ForBodyAsync(platform, "c_g999");
        foreach (var subject in new[] { "Occupazione di suolo pubblico in via Roma, pratica 2026/4471 (QX91)", "Rimborso TARI - via Garibaldi, pratica 2026/4472 (QX91)", "Passo carrabile in piazza Duomo (QX91)" })
        {
            var metadata = new { direction = "incoming", subject, correspondents = new[] { new { name = "Paola Gallo" } } };
            (await api.PostAsync("/api/protocol/c_g999/entries", Registration(metadata, Pdf(subject)))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        async Task<string[]> Subjects(string q)
        {
            var page = await api.GetFromJsonAsync<JsonElement>("/api/protocol/c_g999/entries?q=" + Uri.EscapeDataString(q));
            return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()!).Order()];
        }

        (await Subjects("4471")).ShouldBe(["Occupazione di suolo pubblico in via Roma, pratica 2026/4471 (QX91)"]);
        (await Subjects("roma via qx91")).ShouldBe(["Occupazione di suolo pubblico in via Roma, pratica 2026/4471 (QX91)"]);
        (await Subjects("QX91 pratica 2026/")).Length.ShouldBe(2);
        (await Subjects("garibaldi TARI qx91")).ShouldBe(["Rimborso TARI - via Garibaldi, pratica 2026/4472 (QX91)"]);
        (await Subjects("via Duomo qx91")).ShouldBeEmpty();
        (await Subjects("(qx91) ' - /")).Length.ShouldBe(3);
    }

    [Fact]
    public async Task Bad_registrations_get_an_italian_problem_and_consume_no_number()
    {
        using var api = await ForBodyAsync(platform, "r_toscan");
        var first = await (await api.PostAsync("/api/protocol/r_toscan/entries", Registration(Incoming, Pdf("prima")))).Content.ReadFromJsonAsync<JsonElement>();
        var document = Pdf("documento");

        var cases = new (string Name, HttpContent Content, HttpStatusCode Status)[]
        {
            ("no metadata", new MultipartFormDataContent { { new ByteArrayContent(document), "document", "a.pdf" } }, HttpStatusCode.BadRequest),
            ("no subject", Registration(new { direction = "incoming", correspondents = new[] { new { name = "Mario Rossi" } } }, document), HttpStatusCode.BadRequest),
            ("no direction", Registration(new { subject = "x", correspondents = new[] { new { name = "Mario Rossi" } } }, document), HttpStatusCode.BadRequest),
            ("no sender", Registration(new { direction = "incoming", subject = "x", correspondents = Array.Empty<object>() }, document), HttpStatusCode.BadRequest),
            ("bad json", new MultipartFormDataContent { { new StringContent("{not json"), "metadata" }, { new ByteArrayContent(document), "document", "a.pdf" } }, HttpStatusCode.BadRequest),
            ("no document", new MultipartFormDataContent { { new StringContent(JsonSerializer.Serialize(Incoming)), "metadata" } }, HttpStatusCode.BadRequest),
            ("too large", Registration(Incoming, [.. Pdf("grande"), .. new byte[30000]]), HttpStatusCode.RequestEntityTooLarge),
            ("hash mismatch", Registration(new { direction = "incoming", subject = "x", correspondents = new[] { new { name = "Mario Rossi" } }, documentSha256 = Sha256(Pdf("altro")) }, document), HttpStatusCode.UnprocessableEntity),
            ("unknown aoo", Registration(new { direction = "incoming", subject = "x", correspondents = new[] { new { name = "Mario Rossi" } }, aoo = "NESSUNA" }, document), HttpStatusCode.UnprocessableEntity),
            ("exe", Registration(Incoming, [0x4D, 0x5A, 0x90, 0x00, 0x03], "programma.exe"), HttpStatusCode.UnsupportedMediaType),
            ("other body", Registration(Incoming, document), HttpStatusCode.NotFound),
        };
        foreach (var (name, content, status) in cases)
        {
            string url = name == "other body" ? "/api/protocol/c_d612/entries" : "/api/protocol/r_toscan/entries";
            var response = await api.PostAsync(url, content);
            response.StatusCode.ShouldBe(status, $"{name}: {await response.Content.ReadAsStringAsync()}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", name);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("detail").GetString()!.Length.ShouldBeGreaterThan(10, name);
        }

        var next = await (await api.PostAsync("/api/protocol/r_toscan/entries", Registration(Incoming, Pdf("dopo")))).Content.ReadFromJsonAsync<JsonElement>();
        next.GetProperty("number").GetInt64().ShouldBe(first.GetProperty("number").GetInt64() + 1);
    }

    [Fact]
    public async Task A_token_without_the_protocol_scope_is_refused()
    {
        using var api = await ForBodyAsync(platform, "c_d612", scope: "api.backoffice");

        var response = await api.GetAsync("/api/protocol/c_d612/entries");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_operator_session_of_the_body_reads_the_register_and_one_of_another_body_does_not()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        using var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);

        (await firenze.GetAsync("/api/protocol/c_d612/entries")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await prato.GetAsync("/api/protocol/c_d612/entries")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await platform.CreateClient().GetAsync("/api/protocol/c_d612/entries")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    internal static XmlSchemaSet ReferenceSchemas()
    {
        // As the reference notes say: the XML-DSig schema first, its internal DTD parsed, nothing fetched.
        string folder = Path.Combine(AppContext.BaseDirectory, "Protocol", "Schemas");
        var set = new XmlSchemaSet { XmlResolver = null };
        using (var dsig = XmlReader.Create(Path.Combine(folder, "import_schemas", "xmldsig-core-schema.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null }))
        {
            set.Add(XmlSchema.Read(dsig, null)!);
        }

        using (var segnatura = XmlReader.Create(Path.Combine(folder, "segnatura_protocollo.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            set.Add(XmlSchema.Read(segnatura, null)!);
        }

        set.Compile();
        return set;
    }
}
