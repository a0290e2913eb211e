namespace PenToscana.Kernel.Data;

/// <summary>An entity with an application-managed concurrency token, bumped on every save.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>A business row that belongs to one public body. The body filter applies to it by default.</summary>
public interface IEnteScoped
{
    Guid EnteId { get; }
}
