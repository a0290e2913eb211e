using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Blobs;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.IntegrationTests.Protocol;

/// <summary>Two application nodes on one database (PostgreSQL with TEST_DB=postgres, otherwise one SQLite file).</summary>
public sealed class ConcurrencyTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task Two_nodes_registering_hundreds_of_documents_in_parallel_leave_no_gap_and_no_duplicate()
    {
        await using var second = new SecondNode(platform);
        await second.InitializeAsync();
        PlatformFactory[] nodes = [platform, second];
        var document = await UploadAsync(platform, "documento condiviso");
        long before;
        await using (var start = platform.Services.CreateAsyncScope())
        {
            before = await start.ServiceProvider.GetRequiredService<ProtocolDb>().Entries.CountAsync(e => e.EnteIpa == "c_g999");
        }

        const int perNode = 250;
        var outcomes = new ProtocolOutcome[nodes.Length * perNode];
        await Parallel.ForAsync(0, outcomes.Length, new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (i, ct) =>
        {
            var node = nodes[i % nodes.Length];
            await using var scope = node.Services.CreateAsyncScope();
            var api = scope.ServiceProvider.GetRequiredService<IProtocolApi>();
            outcomes[i] = await api.RegisterAsync(Request("c_g999", $"nodes:{i}", document), ct);
        });

        outcomes.ShouldAllBe(o => o.Succeeded);
        var numbers = outcomes.Select(o => o.Registration!.Number).Order().ToList();
        numbers.Distinct().Count().ShouldBe(outcomes.Length);
        numbers.ShouldBe(Enumerable.Range(1, outcomes.Length).Select(n => before + n).ToList());

        // The register as stored says the same, and times grow with numbers.
        await using var check = platform.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ProtocolDb>();
        var stored = await db.Entries.Where(e => e.EnteIpa == "c_g999").OrderBy(e => e.Number).Select(e => new { e.Number, e.RegisteredAt }).ToListAsync();
        stored.Select(e => e.Number).ShouldBe(Enumerable.Range(1, (int)before + outcomes.Length).Select(n => (long)n).ToList());
        stored.Zip(stored.Skip(1)).ShouldAllBe(p => p.First.RegisteredAt <= p.Second.RegisteredAt);
    }

    [Fact]
    public async Task Retrying_the_same_source_key_on_two_nodes_at_once_registers_it_once()
    {
        await using var second = new SecondNode(platform);
        await second.InitializeAsync();
        var document = await UploadAsync(platform, "documento ripetuto");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var node = i % 2 == 0 ? platform : (PlatformFactory)second;
            await using var scope = node.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IProtocolApi>().RegisterAsync(Request("usl_tc", "nodes:same-key", document));
        }));

        outcomes.ShouldAllBe(o => o.Succeeded);
        outcomes.Select(o => o.Registration!.EntryId).Distinct().Count().ShouldBe(1);
        await using var check = platform.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ProtocolDb>();
        (await db.Entries.CountAsync(e => e.SourceKey == "nodes:same-key")).ShouldBe(1);
        var counter = await db.Counters.SingleAsync(c => c.RegisterId == db.Entries.First(e => e.SourceKey == "nodes:same-key").RegisterId);
        counter.LastNumber.ShouldBe(await db.Entries.CountAsync(e => e.RegisterId == counter.RegisterId));
    }

    private static async Task<ProtocolDocument> UploadAsync(PlatformFactory node, string text)
    {
        var blob = await node.Service<IBlobStore>().PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        return new ProtocolDocument("documento.txt", "text/plain", blob.Sha256, blob.Length);
    }

    private static ProtocolRequest Request(string ipa, string key, ProtocolDocument document) => new(
        ipa,
        ProtocolDirection.Outgoing,
        $"Comunicazione {key}",
        [new ProtocolCorrespondent("Verdi Costruzioni S.r.l.") { TaxCode = "01234567897" }],
        document,
        ProtocolChannels.Pec,
        key);

    /// <summary>A second application node: its own host, the first node's database and blob store.</summary>
    private sealed class SecondNode(PlatformFactory first) : PlatformFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Database:Provider"] = first.Database.Provider,
            ["Database:ConnectionString"] = first.Database.ConnectionString,
            ["Storage:DataPath"] = first.Database.Folder,
            ["Blobs:Root"] = Path.Combine(first.Database.Folder, "blobs"),
        };
    }
}
