package in.bontonsoftwares.deploymentrequest.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.ArrayList;
import java.util.List;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:forcerecorded:file:...}) that records, for the database files,
 * each write and each force to the storage device, in order: what {@code strace} would show of the
 * database file, from inside.
 */
public class ForceRecordingFilePath extends FilePathWrapper {

  static final String SCHEME = "forcerecorded";
  static final String WRITE = "write";
  static final String FORCE = "force";

  private static final List<String> EVENTS = new ArrayList<>();

  static {
    FilePath.register(new ForceRecordingFilePath());
  }

  /** H2 makes an instance per path by reflection. */
  public ForceRecordingFilePath() {}

  /** Registers the file system (once); returns the prefix of a database path on it. */
  static String prefix() {
    return SCHEME + ":file:";
  }

  /** What happened to the database files since the last call, oldest first. */
  static List<String> takeEvents() {
    synchronized (EVENTS) {
      List<String> events = List.copyOf(EVENTS);
      EVENTS.clear();
      return events;
    }
  }

  private static void record(String event) {
    synchronized (EVENTS) {
      EVENTS.add(event);
    }
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    FileChannel channel = getBase().open(mode);
    return name.endsWith(".mv.db") ? new Recording(channel) : channel;
  }

  private static final class Recording extends FileBase {

    private final FileChannel channel;

    Recording(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      record(WRITE);
      return channel.write(src);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      record(WRITE);
      return channel.write(src, position);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      channel.force(metaData);
      record(FORCE);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return channel.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return channel.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return channel.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      channel.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      channel.truncate(size);
      return this;
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return channel.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      channel.close();
    }
  }
}
