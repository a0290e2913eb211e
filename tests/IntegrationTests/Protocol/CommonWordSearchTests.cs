using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.SearchEntries;
using static PenToscana.IntegrationTests.Protocol.ProtocolApiClient;

namespace PenToscana.IntegrationTests.Protocol;

/// <summary>
/// A search for a word found in most subjects (on PostgreSQL answered by walking the newest entries, not by the word index)
/// gives the same page, in the same order, as a search for rare words: newest first, the total capped at 1,000.
/// </summary>
public sealed class CommonWordSearchTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const int Seeded = 1_300;

    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    [Fact]
    public async Task A_word_in_most_subjects_pages_newest_first_with_a_total_over_a_thousand_and_a_year_filter_keeps_to_its_year()
    {
        var (enteId, subjects) = await SeedAsync("c_g999");
        using var api = await ForBodyAsync(platform, "c_g999");
        if (UsesPostgres())
        {
            await using var scope = platform.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
            (await scope.ServiceProvider.GetRequiredService<CommonWords>().AllCommonAsync(db, ["contributo"], CancellationToken.None))
                .ShouldBeTrue("ANALYZE counts the seeded word as common, so the search walks the newest entries");
            (await scope.ServiceProvider.GetRequiredService<CommonWords>().AllCommonAsync(db, ["contributo", "z7q"], CancellationToken.None)).ShouldBeFalse();
        }

        // Expected: every seeded entry whose subject has the word, newest first (registration time, then number).
        var withWord = subjects.Where(s => s.Subject.Contains("contributo", StringComparison.Ordinal)).OrderByDescending(s => s.At).ThenByDescending(s => s.Number).ToList();
        withWord.Count.ShouldBeGreaterThan(1_000);

        var first = await PageAsync(api, "q=contributo&pageSize=20");
        first.GetProperty("total").GetInt32().ShouldBe(1_000);
        first.GetProperty("totalIsLowerBound").GetBoolean().ShouldBeTrue();
        Numbers(first).ShouldBe(withWord.Take(20).Select(s => s.Number));

        var third = await PageAsync(api, "q=contributo&pageSize=20&page=3");
        Numbers(third).ShouldBe(withWord.Skip(40).Take(20).Select(s => s.Number));

        // Beyond the first thousand matches the page still comes, from the word index.
        var deep = await PageAsync(api, "q=contributo&pageSize=100&page=11");
        Numbers(deep).ShouldBe(withWord.Skip(1_000).Take(100).Select(s => s.Number));

        // Two common words together, and with a year: only that year's entries, newest first.
        var inYear = withWord.Where(s => s.Year == 2025 && s.Subject.Contains("affitto", StringComparison.Ordinal)).ToList();
        var year = await PageAsync(api, "q=affitto%20contributo&year=2025&pageSize=50");
        Numbers(year).ShouldBe(inYear.Take(50).Select(s => s.Number));
        year.GetProperty("total").GetInt32().ShouldBe(Math.Min(inYear.Count, 1_000));

        // A rare word among them is still found by the index, alone.
        var rare = await PageAsync(api, "q=contributo%20z7q");
        Numbers(rare).ShouldBe(subjects.Where(s => s.Subject.Contains("z7q", StringComparison.Ordinal)).Select(s => s.Number));
        rare.GetProperty("totalIsLowerBound").GetBoolean().ShouldBeFalse();
        _ = enteId;
    }

    private bool UsesPostgres()
    {
        using var scope = platform.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ProtocolDb>().Database.IsNpgsql();
    }

    private static async Task<JsonElement> PageAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/protocol/c_g999/entries?" + query);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static long[] Numbers(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetInt64())];

    /// <summary>Writes entries straight into the register, from June 2025 to May 2026 (numbers far above any the tests
    /// register through the API), most of them with "contributo" in the subject, then lets PostgreSQL analyse the table.</summary>
    private async Task<(Guid EnteId, List<(long Number, int Year, DateTimeOffset At, string Subject)> Subjects)> SeedAsync(string ipa)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        var register = await db.Registers.IgnoreQueryFilters().FirstAsync(r => r.EnteIpa == ipa);
        var seeded = new List<(long, int, DateTimeOffset, string)>();
        var start = new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < Seeded; i++)
        {
            // Two entries share each minute, so the order by number within a time is exercised too.
            var at = start.AddMinutes(i / 2 * 797);
            int year = TimeZoneInfo.ConvertTime(at, Rome).Year;
            long number = 5_000_000 + i;
            string subject = (i % 10) switch
            {
                9 => $"Passo carrabile in via Roma n. {i}",
                5 => $"Richiesta di contributo per la mensa, pratica {i}",
                _ => $"Istanza di contributo per l'affitto, pratica {i}",
            } + (i == 777 ? " z7q" : "");
            db.Entries.Add(new ProtocolEntry
            {
                Id = Guid.CreateVersion7(),
                EnteId = register.EnteId,
                RegisterId = register.Id,
                EnteIpa = register.EnteIpa,
                AooCode = register.AooCode,
                Year = year,
                Number = number,
                RegisteredAt = at,
                Direction = ProtocolDirection.Incoming,
                Subject = subject,
                Channel = "api",
            });
            seeded.Add((number, year, at, subject));
        }

        await db.SaveChangesAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE protocol_entry");
        }

        return (register.EnteId, seeded);
    }
}
