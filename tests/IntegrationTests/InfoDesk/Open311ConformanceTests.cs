using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Json.Schema;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.InfoDesk;

/// <summary>
/// The GeoReport v2 conformance checklist (shared research, section 3.6), point by point, in JSON and XML; JSON answers are
/// validated against the Open311 JSON Schemas kept with the tests (InfoDesk/Open311Reference).
/// </summary>
public sealed class Open311ConformanceTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Key = "demo-open311-key";
    private const string Firenze = "c_d612";

    private static readonly string ReferenceRoot = FindReference();

    private static string FindReference()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "InfoDesk", "Open311Reference");
        return Directory.Exists(root) ? root : throw new DirectoryNotFoundException($"Open311 reference material not found at {root}");
    }

    /// <summary>A schema with its sibling references (services.json → service.json) inlined.</summary>
    private static JsonSchema Schema(string name)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(ReferenceRoot, "json-schema", name)))!;
        Inline(node);
        return JsonSchema.FromText(node.ToJsonString());
    }

    private static void Inline(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                if (value is JsonObject child && child["$ref"]?.GetValue<string>() is { } reference && reference.EndsWith(".json", StringComparison.Ordinal))
                {
                    var target = JsonNode.Parse(File.ReadAllText(Path.Combine(ReferenceRoot, "json-schema", reference)))!;
                    foreach (var (k, v) in child.Where(p => p.Key != "$ref").ToList())
                    {
                        child.Remove(k);
                        ((JsonObject)target)[k] = v;
                    }

                    obj[key] = target;
                }
                else if (value is not null)
                {
                    Inline(value);
                }
            }
        }
    }

    private static void ShouldMatch(string json, string schemaName)
    {
        var result = Schema(schemaName).Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        result.IsValid.ShouldBeTrue($"{schemaName}: {string.Join("; ", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Value}")))}\n{json}");
    }

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(string url)
    {
        var response = await platform.CreateClient().GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string format, params (string, string)[] fields)
    {
        var response = await platform.CreateClient().PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static XDocument Xml(string body)
    {
        using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader);
    }

    private async Task<string> FileAsync(string format = "json", string code = "illuminazione", double lat = 43.7701, double lon = 11.2501, string? description = null)
    {
        var (status, body) = await PostAsync(format, ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", code), ("lat", $"{lat}"), ("long", $"{lon}"),
            ("description", description ?? "Lampione spento dalla settimana scorsa"), ("email", "cittadino@example.org"), ("first_name", "Giulia"), ("last_name", "Neri"));
        status.ShouldBe(HttpStatusCode.OK, body);
        return format == "json"
            ? JsonNode.Parse(body)!.AsArray()[0]!["service_request_id"]!.GetValue<string>()
            : Xml(body).Root!.Element("request")!.Element("service_request_id")!.Value;
    }

    [Fact]
    public void The_schema_check_can_fail_the_spec_example_with_numeric_ids_is_rejected()
    {
        var example = File.ReadAllText(Path.Combine(ReferenceRoot, "examples", "spec", "get_requests.normalized.json"));
        Schema("requests.json").Evaluate(JsonNode.Parse(example)).IsValid.ShouldBeFalse();
        ShouldMatch(File.ReadAllText(Path.Combine(ReferenceRoot, "examples", "spec", "get_services.normalized.json")), "services.json");
    }

    [Theory]
    [InlineData("discovery.{0}")]
    [InlineData("services.{0}?jurisdiction_id=c_d612")]
    [InlineData("services/buche.{0}?jurisdiction_id=c_d612")]
    [InlineData("requests.{0}?jurisdiction_id=c_d612")]
    public async Task Point_1_and_2_every_read_endpoint_answers_in_xml_and_json_with_utf8_content_types(string path)
    {
        var xml = await GetAsync("/open311/v2/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, path, "xml"));
        xml.Status.ShouldBe(HttpStatusCode.OK);
        xml.ContentType.ShouldBe("text/xml; charset=utf-8");
        xml.Body.ShouldStartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        Xml(xml.Body).Root.ShouldNotBeNull();
        var json = await GetAsync("/open311/v2/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, path, "json"));
        json.Status.ShouldBe(HttpStatusCode.OK);
        json.ContentType.ShouldBe("application/json; charset=utf-8");
        JsonNode.Parse(json.Body).ShouldNotBeNull();
    }

    [Fact]
    public async Task Point_3_discovery_carries_the_required_fields_in_both_formats()
    {
        var json = JsonNode.Parse((await GetAsync("/open311/v2/discovery.json")).Body)!;
        json["changeset"].ShouldNotBeNull();
        json["contact"].ShouldNotBeNull();
        var endpoint = json["endpoints"]!.AsArray()[0]!;
        endpoint["specification"]!.GetValue<string>().ShouldBe("http://wiki.open311.org/GeoReport_v2");
        endpoint["url"]!.GetValue<string>().ShouldEndWith("/open311/v2");
        endpoint["formats"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["text/xml", "application/json"]);
        var xml = Xml((await GetAsync("/open311/v2/discovery.xml")).Body).Root!;
        xml.Name.LocalName.ShouldBe("discovery");
        xml.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Count().ShouldBe(2);
    }

    [Fact]
    public async Task Point_4_services_validate_against_the_schema_with_type_and_boolean_metadata()
    {
        var body = (await GetAsync("/open311/v2/services.json?jurisdiction_id=c_d612")).Body;
        ShouldMatch(body, "services.json");
        var services = JsonNode.Parse(body)!.AsArray();
        services.Count.ShouldBeGreaterThan(0);
        services.ShouldAllBe(s => s!["type"]!.GetValue<string>() == "realtime");
        services.First(s => s!["service_code"]!.GetValue<string>() == "buche")!["metadata"]!.GetValue<bool>().ShouldBeTrue();
        Xml((await GetAsync("/open311/v2/services.xml?jurisdiction_id=c_d612")).Body).Root!.Elements("service").Count().ShouldBe(services.Count);
    }

    [Fact]
    public async Task Point_5_a_definition_has_enum_datatypes_unique_positive_orders_and_values_for_lists()
    {
        var body = (await GetAsync("/open311/v2/services/buche.json?jurisdiction_id=c_d612")).Body;
        ShouldMatch(body, "service-definition.json");
        var attributes = JsonNode.Parse(body)!["attributes"]!.AsArray();
        var orders = attributes.Select(a => a!["order"]!.GetValue<int>()).ToList();
        orders.ShouldAllBe(o => o > 0);
        orders.Distinct().Count().ShouldBe(orders.Count);
        attributes.Where(a => a!["datatype"]!.GetValue<string>().EndsWith("list", StringComparison.Ordinal)).ShouldAllBe(a => a!["values"]!.AsArray().Count > 0);
        (await GetAsync("/open311/v2/services/nessuno.json?jurisdiction_id=c_d612")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task Point_6_a_post_without_or_with_a_bad_api_key_is_403_with_an_errors_body(string format)
    {
        var missing = await PostAsync(format, ("jurisdiction_id", Firenze), ("service_code", "illuminazione"), ("lat", "43.77"), ("long", "11.25"));
        missing.Status.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await PostAsync(format, ("jurisdiction_id", Firenze), ("api_key", "sbagliata"), ("service_code", "illuminazione"), ("lat", "43.77"), ("long", "11.25"));
        bad.Status.ShouldBe(HttpStatusCode.Forbidden);
        if (format == "json")
        {
            JsonNode.Parse(bad.Body)!.AsArray()[0]!["code"]!.GetValue<int>().ShouldBe(403);
        }
        else
        {
            Xml(bad.Body).Root!.Element("error")!.Element("code")!.Value.ShouldBe("403");
        }
    }

    [Fact]
    public async Task Point_7_an_unknown_service_code_is_404_and_a_missing_one_is_400()
    {
        (await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "nessuno"), ("lat", "43.77"), ("long", "11.25"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("lat", "43.77"), ("long", "11.25"))).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Point_8_a_post_without_location_or_with_lat_but_no_long_is_400()
    {
        (await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "illuminazione"), ("description", "x"))).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "illuminazione"), ("lat", "43.77"))).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Point_9_and_10_required_attributes_are_enforced_and_multivaluelists_accept_repeated_values()
    {
        var missing = await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "buche"), ("lat", "43.77"), ("long", "11.25"));
        missing.Status.ShouldBe(HttpStatusCode.BadRequest);
        missing.Body.ShouldContain("pericolo");
        (await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "buche"), ("lat", "43.77"), ("long", "11.25"), ("attribute[pericolo]", "si")))
            .Status.ShouldBe(HttpStatusCode.OK);
        var multi = await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "rifiuti"), ("address_string", "Via Pisana 12"),
            ("attribute[tipo][]", "ingombranti"), ("attribute[tipo][]", "sacchi"));
        multi.Status.ShouldBe(HttpStatusCode.OK, multi.Body);
    }

    [Fact]
    public async Task Point_11_a_description_over_4000_characters_is_refused()
        => (await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "illuminazione"), ("lat", "43.77"), ("long", "11.25"), ("description", new string('a', 4001))))
            .Status.ShouldBe(HttpStatusCode.BadRequest);

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task Point_12_a_realtime_post_returns_an_id_and_no_token_and_the_id_resolves_as_token(string format)
    {
        var (status, body) = await PostAsync(format, ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "illuminazione"), ("lat", "43.7702"), ("long", "11.2502"));
        status.ShouldBe(HttpStatusCode.OK, body);
        string id;
        if (format == "json")
        {
            var item = JsonNode.Parse(body)!.AsArray()[0]!.AsObject();
            item.ContainsKey("token").ShouldBeFalse();
            id = item["service_request_id"]!.GetValue<string>();
        }
        else
        {
            var item = Xml(body).Root!.Element("request")!;
            item.Element("token").ShouldBeNull();
            id = item.Element("service_request_id")!.Value;
        }

        var token = await GetAsync($"/open311/v2/tokens/{id}.{format}?jurisdiction_id=c_d612");
        token.Status.ShouldBe(HttpStatusCode.OK);
        token.Body.ShouldContain(id);
        (await GetAsync($"/open311/v2/tokens/sconosciuto.{format}?jurisdiction_id=c_d612")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Point_13_request_filters_windows_ids_statuses_and_codes_behave_as_the_spec_says()
    {
        var lamp = await FileAsync(code: "illuminazione");
        var waste = await FileAsync(code: "rifiuti", lat: 43.7710, lon: 11.2510);

        var all = (await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612")).Body;
        ShouldMatch(all, "requests.json");
        all.ShouldContain(lamp);
        all.ShouldContain(waste);

        var tooWide = await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z");
        tooWide.Status.ShouldBe(HttpStatusCode.BadRequest);

        var old = (await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z")).Body;
        old.ShouldNotContain(lamp);
        // With ids, the other filters (here a window years ago and another code) are ignored.
        var byIds = (await GetAsync($"/open311/v2/requests.json?jurisdiction_id=c_d612&service_request_id={lamp},{waste}&service_code=buche&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z")).Body;
        JsonNode.Parse(byIds)!.AsArray().Count.ShouldBe(2);

        var codes = (await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612&service_code=illuminazione,rifiuti")).Body;
        codes.ShouldContain(lamp);
        codes.ShouldContain(waste);
        var onlyLamp = (await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612&service_code=illuminazione")).Body;
        onlyLamp.ShouldNotContain(waste);

        (await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612&status=open,closed")).Body.ShouldContain(lamp);
        (await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612&status=closed")).Body.ShouldNotContain(lamp);
        var paged = JsonNode.Parse((await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612&page_size=1&page=1")).Body)!.AsArray();
        paged.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Point_14_every_date_carries_a_timezone_and_the_single_request_validates()
    {
        var id = await FileAsync();
        var body = (await GetAsync($"/open311/v2/requests/{id}.json?jurisdiction_id=c_d612")).Body;
        ShouldMatch(body, "requests.json");
        var request = JsonNode.Parse(body)!.AsArray()[0]!;
        foreach (var field in new[] { "requested_datetime", "updated_datetime", "expected_datetime" })
        {
            request[field]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$");
        }

        // No personal data of the reporter, whatever the format.
        body.ShouldNotContain("Giulia");
        body.ShouldNotContain("cittadino@example.org");
        var xml = (await GetAsync($"/open311/v2/requests/{id}.xml?jurisdiction_id=c_d612")).Body;
        Xml(xml).Root!.Element("request")!.Element("service_request_id")!.Value.ShouldBe(id);
    }

    [Fact]
    public async Task Point_15_an_unknown_request_is_404()
    {
        (await GetAsync($"/open311/v2/requests/{Guid.NewGuid()}.json?jurisdiction_id=c_d612")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync("/open311/v2/requests/123.xml?jurisdiction_id=c_d612")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Point_16_an_empty_parameter_behaves_like_an_absent_one()
    {
        var id = await FileAsync();
        (await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612&service_code=&status=&start_date=&service_request_id=")).Body.ShouldContain(id);
    }

    [Fact]
    public async Task Point_17_a_missing_jurisdiction_is_400_and_an_unknown_one_is_404()
    {
        (await GetAsync("/open311/v2/services.json")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await GetAsync("/open311/v2/services.xml?jurisdiction_id=c_zzzz")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("json", ("api_key", Key), ("service_code", "illuminazione"), ("lat", "43.77"), ("long", "11.25"))).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Point_18_json_roots_are_arrays_for_lists_errors_and_results_and_an_object_for_the_definition()
    {
        JsonNode.Parse((await GetAsync("/open311/v2/services.json?jurisdiction_id=c_d612")).Body).ShouldBeOfType<JsonArray>();
        JsonNode.Parse((await GetAsync("/open311/v2/requests.json?jurisdiction_id=c_d612")).Body).ShouldBeOfType<JsonArray>();
        JsonNode.Parse((await GetAsync("/open311/v2/services.json")).Body).ShouldBeOfType<JsonArray>();
        JsonNode.Parse((await GetAsync("/open311/v2/services/buche.json?jurisdiction_id=c_d612")).Body).ShouldBeOfType<JsonObject>();
        var post = await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "illuminazione"), ("lat", "43.7703"), ("long", "11.2503"));
        JsonNode.Parse(post.Body).ShouldBeOfType<JsonArray>();
    }

    [Fact]
    public async Task A_request_posted_through_Open311_is_routed_like_any_other_and_out_of_area_points_are_refused()
    {
        var outside = await PostAsync("json", ("jurisdiction_id", Firenze), ("api_key", Key), ("service_code", "illuminazione"), ("lat", "45.46"), ("long", "9.19"));
        outside.Status.ShouldBe(HttpStatusCode.BadRequest);
        outside.Body.ShouldContain("fuori dal territorio");
        var onRegionalRoad = await PostAsync("json", ("jurisdiction_id", "c_g999"), ("api_key", Key), ("service_code", "strade"), ("lat", "43.9"), ("long", "11.1"), ("attribute[pericolo]", "no"));
        onRegionalRoad.Status.ShouldBe(HttpStatusCode.OK, onRegionalRoad.Body);
        onRegionalRoad.Body.ShouldContain("Regione Toscana");
    }
}
