using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>Submitting through the API: each request is its own application, whatever else the person does at the time.</summary>
public sealed class ApplicationsApiTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task Applications_submitted_at_once_through_the_api_are_separate_applications_each_with_its_own_data()
    {
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        // An open draft on the web pages must neither be taken over nor absorb the API's data.
        const string start = "/enti/c_g999/servizi/istanza-generica/compila";
        (await citizen.PostFormAsync(start, start, new Dictionary<string, string> { ["privacy"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => citizen.PostAsync("/api/v1/istanze", JsonContent.Create(new
        {
            enteIpa = "c_g999",
            serviceSlug = "istanza-generica",
            data = new Dictionary<string, string> { ["oggetto"] = $"Istanza numero {i}", ["testo"] = $"Testo della istanza {i}." },
        }))));

        var ids = new List<Guid>();
        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            ids.Add((await response.Content.ReadFromJsonAsync<Created>())!.Id);
        }

        ids.Distinct().Count().ShouldBe(6);
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationsDb>();
        var data = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => s.DataJson).ToListAsync();
        data.Count.ShouldBe(6);
        for (int i = 0; i < 6; i++)
        {
            data.Count(d => d.Contains($"Istanza numero {i}\"", StringComparison.Ordinal)).ShouldBe(1, $"application {i}");
        }

        var webDrafts = await db.Drafts.AsNoTracking().IgnoreQueryFilters()
            .CountAsync(d => d.OwnerTaxCode == Personas.CitizenMario && d.AssistedByTaxCode == null && !d.DataJson.Contains("Istanza numero"));
        webDrafts.ShouldBe(1, "the draft opened on the web pages is still there, untouched");
    }

    private sealed record Created(Guid Id);
}
