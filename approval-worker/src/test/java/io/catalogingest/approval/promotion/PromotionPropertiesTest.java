package io.catalogingest.approval.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PromotionPropertiesTest {

    @Test
    void rangesAreThePartSizeUnlessAnObjectWouldNeedMoreThanTenThousand() {
        PromotionProperties properties = new PromotionProperties(4, DataSize.ofGigabytes(5), DataSize.ofMegabytes(512),
                true, 0, 0);

        assertThat(properties.partSizeFor(DataSize.ofGigabytes(6).toBytes())).isEqualTo(DataSize.ofMegabytes(512)
                .toBytes());
        long fiveTerabytes = DataSize.ofTerabytes(5).toBytes();
        long part = properties.partSizeFor(fiveTerabytes);
        assertThat(part).isGreaterThan(DataSize.ofMegabytes(512).toBytes());
        assertThat((fiveTerabytes + part - 1) / part).isLessThanOrEqualTo(10_000);
    }

    @Test
    void partsAreBetweenFiveMegabytesAndFiveGigabytesAndOneCopyStopsAtFiveGigabytes() {
        assertThatThrownBy(() -> new PromotionProperties(4, DataSize.ofGigabytes(5), DataSize.ofMegabytes(4), true, 0, 0))
                .hasMessageContaining("part-size");
        assertThatThrownBy(() -> new PromotionProperties(4, DataSize.ofGigabytes(6), DataSize.ofMegabytes(512), true,
                0, 0)).hasMessageContaining("multipart-threshold");
    }
}
