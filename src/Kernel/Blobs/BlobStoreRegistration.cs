using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PenToscana.Kernel.Blobs;

public static class BlobStoreRegistration
{
    /// <summary>Registers <see cref="IBlobStore"/> on the file system, configured from the <c>Blobs</c> section.</summary>
    public static IServiceCollection AddBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BlobStoreOptions>()
            .Bind(configuration.GetSection(BlobStoreOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Impostazione 'Blobs:Root' mancante.")
            .Validate(o => o.MaxBytes > 0, "Impostazione 'Blobs:MaxBytes' non valida: deve essere maggiore di zero.")
            .ValidateOnStart();
        services.AddSingleton<IBlobStore, FileSystemBlobStore>();
        return services;
    }
}
