using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;

namespace PenToscana.IntegrationTests.Kernel;

public sealed class DemoSeedTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task The_embedded_mode_starts_with_the_four_demo_bodies_each_with_an_aoo_and_offices()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var enti = await db.Enti.AsNoTracking().Include(e => e.Aoos).Include(e => e.Offices).OrderBy(e => e.IpaCode).ToListAsync();

        enti.Select(e => e.IpaCode).ShouldBe(["c_d612", "c_g999", "r_toscan", "usl_tc"]);
        enti.Single(e => e.IpaCode == "r_toscan").TaxCode.ShouldBe("01386030488");
        enti.ShouldAllBe(e => e.Aoos.Count >= 1 && e.Offices.Count >= 3);
        var firenze = enti.Single(e => e.IpaCode == "c_d612");
        (firenze.PatronMonth, firenze.PatronDay).ShouldBe((6, 24));
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        int bodies = await db.Enti.CountAsync();
        int offices = await db.Offices.CountAsync();

        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(CancellationToken.None);
        }

        (await db.Enti.CountAsync()).ShouldBe(bodies);
        (await db.Offices.CountAsync()).ShouldBe(offices);
    }
}
