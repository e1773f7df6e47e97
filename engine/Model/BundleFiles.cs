using System.Runtime.InteropServices;
using System.Text;
using Verdict.Diagnostics;

namespace Verdict.Model;

/// <summary>
/// Finds and reads the files of a bundle without ever leaving its folder: includes are relative paths below the
/// root, symbolic links (to files or folders) and special files (FIFOs, devices, sockets) are refused with a located
/// error before anything is opened, and a file is read through its handle up to its size limit and no further.
/// The root itself may be a link (operators swap one to roll out a bundle); nothing below it may.
/// </summary>
public static class BundleFiles
{
    /// <summary>Most policy files a bundle may hold.</summary>
    public const int MaxFiles = 10_000;
    /// <summary>Deepest folder nesting below an include.</summary>
    public const int MaxDepth = 32;

    /// <summary>What a path is, without following a link.</summary>
    public enum EntryKind
    {
        /// <summary>Nothing there.</summary>
        Missing,
        /// <summary>A regular file.</summary>
        File,
        /// <summary>A folder.</summary>
        Directory,
        /// <summary>A symbolic link (to anything).</summary>
        Link,
        /// <summary>A FIFO, device or socket.</summary>
        Special,
    }

    /// <summary>The kind of <paramref name="path"/>, never following a link.</summary>
    public static EntryKind Kind(string path)
    {
        if (Posix.Kind(path) is { } k) return k;
        // Not a POSIX system (or its native layer is unavailable): links are still seen; special files are not.
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return EntryKind.Link;
        if (info.Exists) return EntryKind.File;
        var dir = new DirectoryInfo(path);
        if (dir.LinkTarget is not null) return EntryKind.Link;
        return dir.Exists ? EntryKind.Directory : EntryKind.Missing;
    }

    /// <summary>
    /// Reads a regular file as text, refusing one over <paramref name="maxBytes"/>: the size is checked on the open
    /// handle and at most one byte more than the limit is ever read (a file that grows while read is still caught).
    /// </summary>
    public static string ReadText(string path, string display, long maxBytes)
    {
        switch (Kind(path))
        {
            case EntryKind.Missing:
                throw VerdictException.Single(Codes.FileUnreadable, $"file `{display}` does not exist", null, "check the path");
            case EntryKind.Link:
                throw VerdictException.Single(Codes.PathOutsideBundle, $"`{display}` is a symbolic link; a bundle reads only its own files",
                    new SourceLocation(display, 1, 1), "copy the file into the bundle instead of linking it");
            case EntryKind.Directory or EntryKind.Special:
                throw VerdictException.Single(Codes.NotRegularFile, $"`{display}` is not a regular file", new SourceLocation(display, 1, 1),
                    "a policy is a plain .yaml file; remove or rename this entry");
        }
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (Posix.IsRegular(handle) == false)
                throw VerdictException.Single(Codes.NotRegularFile, $"`{display}` is not a regular file", new SourceLocation(display, 1, 1),
                    "a policy is a plain .yaml file; remove or rename this entry");
            var length = RandomAccess.GetLength(handle);
            if (length > maxBytes) throw TooLarge(display, length, maxBytes);
            var buffer = new byte[(int)Math.Min(maxBytes + 1, Math.Max(length, 0) + 1)];
            var total = 0;
            while (total < buffer.Length)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (n == 0) break;
                total += n;
                if (total == buffer.Length && total <= maxBytes) Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
            }
            if (total > maxBytes) throw TooLarge(display, total, maxBytes);
            var span = buffer.AsSpan(0, total);
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
            return Encoding.UTF8.GetString(span);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw VerdictException.Single(Codes.FileUnreadable, $"cannot read `{display}`: {e.Message}");
        }
    }

    private static VerdictException TooLarge(string display, long size, long max) =>
        VerdictException.Single(Codes.FileTooLarge, $"file is {size} bytes, over the limit of {max} bytes", new SourceLocation(display, 1, 1),
            "split the input or raise the limit");

    /// <summary>stat without following links, through the runtime's own native layer (the same on every POSIX system).</summary>
    private static class Posix
    {
        private const int TypeMask = 0xF000, Fifo = 0x1000, Char = 0x2000, Dir = 0x4000, Block = 0x6000, Regular = 0x8000, Symlink = 0xA000, Socket = 0xC000;
        private static bool _unavailable = OperatingSystem.IsWindows();

        [StructLayout(LayoutKind.Sequential, Size = 512)]
        private struct FileStatus
        {
            public int Flags;
            public int Mode;
        }

#pragma warning disable SYSLIB1054 // a blittable out struct: DllImport needs no unsafe code
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi, BestFitMapping = false)]
        private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat")]
        private static extern int FStat(Microsoft.Win32.SafeHandles.SafeFileHandle fd, out FileStatus status);
#pragma warning restore SYSLIB1054

        public static EntryKind? Kind(string path)
        {
            if (_unavailable) return null;
            try
            {
                if (LStat(path, out var st) != 0) return EntryKind.Missing;
                return (st.Mode & TypeMask) switch
                {
                    Regular => EntryKind.File,
                    Dir => EntryKind.Directory,
                    Symlink => EntryKind.Link,
                    Fifo or Char or Block or Socket => EntryKind.Special,
                    _ => EntryKind.Special,
                };
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _unavailable = true;
                return null;
            }
        }

        /// <summary>Whether an open handle is a regular file, or null when that cannot be told.</summary>
        public static bool? IsRegular(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
        {
            if (_unavailable) return null;
            try { return FStat(handle, out var st) == 0 ? (st.Mode & TypeMask) == Regular : null; }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return null; }
        }
    }
}
