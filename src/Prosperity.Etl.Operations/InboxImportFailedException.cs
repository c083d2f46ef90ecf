namespace Prosperity.Etl.Operations;

/// <summary>The import of an inbox file failed for a reason that is not a transient fault; the file stays in the inbox for one more try.</summary>
public sealed class InboxImportFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InboxImportFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InboxImportFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure.</summary>
    public InboxImportFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
