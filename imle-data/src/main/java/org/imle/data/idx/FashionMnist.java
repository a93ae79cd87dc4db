package org.imle.data.idx;

import org.imle.data.DataFormatException;
import org.imle.data.MissingDatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Fashion-MNIST data set (Xiao, Rasul, Vollgraf 2017): 60 000 training and 10 000 test
 * grey-scale images of 28 x 28 pixels in 10 clothing classes, read from its original IDX files.
 *
 * <p>Debian ships it as the package {@code dataset-fashion-mnist}, which installs
 * {@code /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz} and
 * {@code t10k-labels-idx1-ubyte.gz}: that directory is the default. Each file may also be
 * uncompressed (the same name without {@code .gz}). A missing file gives a
 * {@link MissingDatasetException} whose one-line message says how to install the package or point
 * elsewhere; a damaged one a {@link DataFormatException}.
 *
 * <p>Loading reads the four files completely (about 55 MB in memory).
 */
public final class FashionMnist {

    /** Where the Debian package {@code dataset-fashion-mnist} installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The base names of the four files, without {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** Training labels. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** Test images. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** Test labels. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final IdxImages trainImages;
    private final int[] trainLabels;
    private final IdxImages testImages;
    private final int[] testLabels;

    private FashionMnist(IdxImages trainImages, int[] trainLabels, IdxImages testImages,
            int[] testLabels) {
        this.trainImages = trainImages;
        this.trainLabels = trainLabels;
        this.testImages = testImages;
        this.testLabels = testLabels;
    }

    /** Loads the data set from {@link #DEFAULT_DIRECTORY}. */
    public static FashionMnist load() throws IOException {
        return load(DEFAULT_DIRECTORY);
    }

    /**
     * Loads the four files from {@code directory}, checking that image and label counts agree,
     * that train and test images have the same size, and that labels are 0..9.
     *
     * @throws MissingDatasetException if a file is absent (message: how to get it)
     * @throws DataFormatException if a file is damaged or inconsistent
     */
    public static FashionMnist load(Path directory) throws IOException {
        requireFiles(directory);
        Path trainImagesFile = locate(directory, TRAIN_IMAGES);
        Path trainLabelsFile = locate(directory, TRAIN_LABELS);
        Path testImagesFile = locate(directory, TEST_IMAGES);
        Path testLabelsFile = locate(directory, TEST_LABELS);
        IdxImages trainImages = Idx.readImages(trainImagesFile);
        int[] trainLabels = checkLabels(Idx.readLabels(trainLabelsFile), trainLabelsFile,
                trainImages, trainImagesFile);
        IdxImages testImages = Idx.readImages(testImagesFile);
        int[] testLabels = checkLabels(Idx.readLabels(testLabelsFile), testLabelsFile,
                testImages, testImagesFile);
        if (testImages.rows() != trainImages.rows()
                || testImages.columns() != trainImages.columns()) {
            throw new DataFormatException(testImagesFile.toString(), "images are "
                    + testImages.rows() + " x " + testImages.columns() + " but the training"
                    + " images are " + trainImages.rows() + " x " + trainImages.columns());
        }
        return new FashionMnist(trainImages, trainLabels, testImages, testLabels);
    }

    /**
     * The file {@code baseName.gz} or {@code baseName} in {@code directory}, preferring the
     * compressed one as the Debian package ships it.
     *
     * @throws MissingDatasetException if neither exists
     */
    public static Path locate(Path directory, String baseName) throws MissingDatasetException {
        Path gz = directory.resolve(baseName + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = directory.resolve(baseName);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new MissingDatasetException("Fashion-MNIST not found: " + directory + " has no "
                + baseName + "(.gz); install it with 'apt-get install dataset-fashion-mnist'"
                + " (files in " + DEFAULT_DIRECTORY + ") or pass --data DIR");
    }

    /** Checks that {@code directory} holds the four files, naming every one that is missing. */
    private static void requireFiles(Path directory) throws MissingDatasetException {
        String install = "; install it with 'apt-get install dataset-fashion-mnist' (files in " + DEFAULT_DIRECTORY
                + ") or pass --data DIR";
        java.util.List<String> files = java.util.List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
        if (!Files.isDirectory(directory)) {
            throw new MissingDatasetException("Fashion-MNIST not found: '" + directory + "' "
                    + (Files.exists(directory) ? "is not a directory" : "does not exist") + " (it must hold "
                    + String.join("(.gz), ", files) + "(.gz))" + install);
        }
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (String name : files) {
            if (!Files.isRegularFile(directory.resolve(name + ".gz")) && !Files.isRegularFile(directory.resolve(name))) {
                missing.add(name + "(.gz)");
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingDatasetException("Fashion-MNIST not found: '" + directory + "' lacks "
                    + String.join(", ", missing) + install);
        }
    }

    private static int[] checkLabels(int[] labels, Path labelsFile, IdxImages images,
            Path imagesFile) throws DataFormatException {
        if (labels.length != images.count()) {
            throw new DataFormatException(labelsFile.toString(), "has " + labels.length
                    + " labels but " + imagesFile.getFileName() + " has " + images.count()
                    + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new DataFormatException(labelsFile.toString(), 8 + i, "label " + i + " is "
                        + labels[i] + ", expected 0.." + (CLASS_NAMES.size() - 1));
            }
        }
        return labels;
    }

    /** The 60 000 training images. */
    public IdxImages trainImages() {
        return trainImages;
    }

    /** The training labels, 0..9, one per training image (shared array). */
    public int[] trainLabels() {
        return trainLabels;
    }

    /** The 10 000 test images. */
    public IdxImages testImages() {
        return testImages;
    }

    /** The test labels, 0..9, one per test image (shared array). */
    public int[] testLabels() {
        return testLabels;
    }
}
