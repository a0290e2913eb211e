using Microsoft.Extensions.Configuration;
using PenToscana.Web.Hosting;

namespace PenToscana.UnitTests.Web;

public sealed class MapTilesTests
{
    private static MapTiles From(string? url) => MapTiles.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Maps:TileUrl"] = url, ["Maps:Attribution"] = "© OpenStreetMap contributors" }).Build());

    [Theory]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org")]
    [InlineData("https://{s}.tiles.example.it/base/{z}/{x}/{y}{r}.png", "https://*.tiles.example.it")]
    [InlineData("http://localhost:8081/{z}/{x}/{y}.png", "http://localhost:8081")]
    public void A_tile_server_template_gives_the_policy_source_its_images_need(string url, string source)
    {
        var tiles = From(url);
        tiles.TileUrl.ShouldBe(url);
        tiles.CspSource.ShouldBe(source);
        tiles.Attribution.ShouldBe("© OpenStreetMap contributors");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void No_tile_server_means_maps_without_a_background_and_no_extra_policy_source(string? url)
    {
        var tiles = From(url);
        tiles.TileUrl.ShouldBeNull();
        tiles.CspSource.ShouldBeNull();
    }

    [Theory]
    [InlineData("javascript:alert(1)//{z}/{x}/{y}")]
    [InlineData("https://tiles.example.it/{z}/{x}.png")]
    [InlineData("ftp://tiles.example.it/{z}/{x}/{y}.png")]
    [InlineData("https://tiles.example.it/{z}/{x}/{y}.png; script-src *")]
    [InlineData("tiles.example.it/{z}/{x}/{y}.png")]
    public void A_template_that_is_not_an_http_tile_address_stops_the_start_with_the_setting_named(string url)
    {
        var problem = Should.Throw<InvalidOperationException>(() => From(url));
        problem.Message.ShouldContain("Maps:TileUrl");
    }
}
