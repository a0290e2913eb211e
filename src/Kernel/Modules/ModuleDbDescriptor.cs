namespace PenToscana.Kernel.Modules;

/// <summary>One registered module database: used by the migrate verb, the readiness check and the jobs page.</summary>
public sealed record ModuleDbDescriptor(Type DbType, string TablePrefix);
