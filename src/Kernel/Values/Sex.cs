namespace PenToscana.Kernel.Values;

/// <summary>Sex as recorded in the codice fiscale.</summary>
public enum Sex
{
    Male,
    Female,
}
