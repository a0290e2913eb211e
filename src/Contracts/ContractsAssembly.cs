namespace PenToscana.Contracts;

/// <summary>Marker for the inter-module contracts assembly: one folder per module with its API, DTOs and events.</summary>
public static class ContractsAssembly;
