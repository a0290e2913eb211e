using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PenToscana.Kernel.Blobs;

namespace PenToscana.UnitTests.Kernel.Blobs;

public sealed class BlobStoreRegistrationTests : IDisposable
{
    private readonly TempBlobRoot _root = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddBlobStore(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_registered_store_uses_the_configured_root_and_size_limit()
    {
        await using var provider = Build(new() { ["Blobs:Root"] = _root.Path, ["Blobs:MaxBytes"] = "10" });
        var store = provider.GetRequiredService<IBlobStore>();

        var stored = await store.PutAsync(new MemoryStream(new byte[10]), cancellationToken: Ct);
        await Should.ThrowAsync<BlobTooLargeException>(() => store.PutAsync(new MemoryStream(new byte[11]), cancellationToken: Ct));

        File.Exists(_root.PathOf(stored.Sha256)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_size_limit_of_zero_is_refused()
    {
        await using var provider = Build(new() { ["Blobs:Root"] = _root.Path, ["Blobs:MaxBytes"] = "0" });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IBlobStore>());
    }
}
